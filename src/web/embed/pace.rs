//! An embedded page's thread as a load finds it: made on the first load within a per-site,
//! per-address pace (counted in the database, so every process counts alike), and taking a
//! changed title from a later load by one of the site's origins, at most once an hour.

use axum::http::StatusCode;

use crate::domain::comment::admission::rate_window;
use crate::domain::embed::{EmbeddedPage, SiteId};
use crate::domain::embed_style::{THREADS_PER_MINUTE, thread_rate_key, title_refresh};
use crate::store::sites::EmbeddedThread;
use crate::web::{AppState, Refusal, Result};

/// The page's thread: found, or made unless `ip` has made too many on this site this minute.
/// `title` is taken as the thread's new title when the load came from one of the site's
/// origins (`from_host`) and it changed.
pub(super) async fn thread_for(
    state: &AppState,
    site: SiteId,
    page: &EmbeddedPage,
    title: &str,
    from_host: bool,
    ip: &str,
) -> Result<EmbeddedThread> {
    let now = state.clock.now();
    let Some(mut thread) = state.store.embedded_thread_by_key(site, &page.key).await? else {
        let window = rate_window(now);
        let hits = state
            .store
            .hit_rate_window(&thread_rate_key(site.0, ip), window)
            .await?;
        if hits > THREADS_PER_MINUTE {
            let wait = (window + chrono::Duration::minutes(1) - now)
                .num_seconds()
                .max(1);
            return Err(Refusal {
                status: StatusCode::TOO_MANY_REQUESTS,
                message: format!(
                    "Too many new conversations were started from your address on this site \
                     (at most {THREADS_PER_MINUTE} a minute). Try again in {wait} seconds."
                ),
                retry_after: Some(wait),
            }
            .into());
        }
        return Ok(state.store.embedded_thread(site, page, title, now).await?);
    };
    if from_host
        && thread.article.card.title != title
        && state
            .store
            .refresh_embedded_title(thread.article.card.id, title, now - title_refresh(), now)
            .await?
    {
        thread.article.card.title = title.to_owned();
        // The kept frames show the old title, whatever address they were loaded under.
        state.pages.changed(crate::web::cache::Change::Comments {
            article_id: thread.article.card.id,
        });
    }
    Ok(thread)
}
