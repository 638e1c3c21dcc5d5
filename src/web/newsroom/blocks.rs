//! What saving a story's blocks takes besides the text: its embeds' thumbnails cached (best
//! effort), and what would stop the save (an image without alt text, an unknown image or
//! article), in the writer's words. Shared by the editor and the API's write side.

use crate::domain::blocks;
use crate::domain::l10n::Tr;
use crate::web::{AppState, Result};

/// Caches the thumbnails of `body`'s embeds (as `by`'s uploads) and lists its blocks' problems
/// (none for a body without blocks).
pub(crate) async fn prepare_body(state: &AppState, body: &str, by: i64) -> Result<Vec<String>> {
    let story = blocks::parse(body);
    if !story.has_blocks() {
        return Ok(Vec::new());
    }
    let thumbs = crate::store::blocks::thumbnail_urls(&story.refs());
    if !thumbs.is_empty() {
        let now = state.clock.now();
        // The library is the newsroom's, shared: its text is in the site's language.
        let alt = Tr::new(state.config.locale).t("nlm-embed-thumbnail-alt");
        state
            .thumbnails
            .cache(&state.store, &state.media, &thumbs, &alt, by, now)
            .await;
    }
    Ok(state.store.block_problems(body).await?)
}
