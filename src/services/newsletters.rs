//! Newsletters off the request path. Every server process runs one worker; each round it makes
//! the automatic editions that are due (one process wins each moment, see
//! `Store::make_scheduled_edition`), runs due fan-outs (kind `newsletter`: one mail job per
//! subscriber, resumable) and sends due edition mails (kind `newsletter_mail`), several at once.
//! Each edition mail is made when it is sent, from the edition and the member's address then, so
//! an unsubscribe or a deleted account stops mail already queued.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use crate::config::Config;
use crate::domain::Clock;
use crate::domain::jobs::JobKind;
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::newsletter::{
    self, EditionContent, EditionId, EditionItem, Framing, NewsletterId, compose, due_slot,
};
use crate::services::mail::{Mail, MailError, Mailer, QueuedMail};
use crate::services::wake::Wake;
use crate::store::Store;
use crate::store::newsletters::editions::{EditionMailJob, FanOut, FanOutJob, Scheduled};

/// Edition mails claimed (and sent side by side) per round.
const SEND_BATCH: i64 = 50;
/// Subscribers queued per fan-out transaction.
const FAN_OUT_BATCH: i64 = 1000;
/// How often the worker looks when nothing woke it.
const POLL: Duration = Duration::from_secs(1);

/// Wakes this process's newsletter worker.
#[derive(Clone, Default)]
pub struct Newsletters {
    wake: Wake,
}

/// An edition as mailed: its content and its newsletter's id and sender name.
#[derive(Clone)]
pub struct Rendered {
    pub content: EditionContent,
    pub newsletter: NewsletterId,
    pub sender_name: String,
}

/// The content of edition `id`, from the store; `None` when it or its newsletter is gone.
pub async fn render(
    store: &Store,
    config: &Config,
    id: EditionId,
    now: chrono::DateTime<Utc>,
) -> crate::store::Result<Option<Rendered>> {
    let Some(edition) = store.edition(id).await? else {
        return Ok(None);
    };
    let Some(letter) = store.newsletter(edition.newsletter).await? else {
        return Ok(None);
    };
    let base = config.base_url.trim_end_matches('/');
    let items = store
        .edition_articles(id, now)
        .await?
        .into_iter()
        .map(|a| EditionItem {
            url: format!("{base}/articles/{}", a.slug),
            title: a.title,
            summary: a.summary,
        })
        .collect();
    let framing = framing(Tr::new(config.locale), &letter.name, &config.site_name);
    Ok(Some(Rendered {
        content: EditionContent {
            site_name: config.site_name.clone(),
            framing,
            newsletter_name: letter.name,
            subject: edition.subject,
            intro: edition.intro,
            items,
            web_url: format!("{base}/newsletters/editions/{}", id.0),
        },
        newsletter: letter.id,
        sender_name: letter.sender_name,
    }))
}

/// The words around an edition in one language.
fn framing(tr: Tr, newsletter: &str, site: &str) -> Framing {
    Framing {
        lang: tr.lang().to_owned(),
        rtl: tr.locale.is_rtl(),
        read_on_web: tr.t("mail-newsletter-web"),
        why: tr.t2(
            "mail-newsletter-why",
            "newsletter",
            newsletter,
            "site",
            site,
        ),
        unsubscribe: tr.t("mail-newsletter-unsubscribe"),
    }
}

/// `rendered` framed in the words of `locale` (a subscriber's language).
fn in_language(rendered: &Rendered, locale: Locale) -> Rendered {
    let mut r = rendered.clone();
    let c = &r.content;
    r.content.framing = framing(Tr::new(locale), &c.newsletter_name, &c.site_name);
    r
}

/// The one-click unsubscribe address of `newsletter` for `user_id`.
pub fn unsubscribe_url(
    config: &Config,
    key: &[u8],
    user_id: i64,
    newsletter: NewsletterId,
) -> String {
    format!(
        "{}/newsletters/unsubscribe/{}",
        config.base_url.trim_end_matches('/'),
        newsletter::unsubscribe_token(key, user_id, newsletter)
    )
}

/// Sends `rendered` to `to` as `user_id` receives it (their unsubscribe link), with a
/// Message-ID made from `message_key`, the same over retries.
pub async fn send_edition(
    mailer: &Mailer,
    config: &Config,
    key: &[u8],
    rendered: &Rendered,
    to: &str,
    user_id: i64,
    message_key: &str,
) -> Result<(), MailError> {
    let unsubscribe = unsubscribe_url(config, key, user_id, rendered.newsletter);
    let host = config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    let message_id = format!("<{message_key}@{host}>");
    let html = compose::html(&rendered.content, Some(&unsubscribe));
    mailer
        .send_queued(QueuedMail {
            mail: Mail {
                from: &config.mail_from,
                to,
                subject: &rendered.content.subject,
                text: compose::text(&rendered.content, Some(&unsubscribe)),
            },
            message_id: &message_id,
            unsubscribe_url: Some(&unsubscribe),
            html: Some(&html),
            sender_name: Some(&rendered.sender_name),
        })
        .await
}

struct Context {
    store: Store,
    clock: Clock,
    config: Arc<Config>,
    mailer: Arc<Mailer>,
    key: Arc<[u8]>,
    /// Editions rendered by this worker (an edition does not change once sending).
    rendered: HashMap<i64, Option<Rendered>>,
}

impl Newsletters {
    pub fn wake(&self) {
        self.wake.wake();
    }

    /// Works until `stop` turns true; `key` signs the unsubscribe links.
    pub async fn run(
        self,
        store: Store,
        clock: Clock,
        config: Arc<Config>,
        mailer: Arc<Mailer>,
        key: Arc<[u8]>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let mut cx = Context {
            store,
            clock,
            config,
            mailer,
            key,
            rendered: HashMap::new(),
        };
        loop {
            if *stop.borrow() {
                return;
            }
            if let Err(e) = schedule(&cx).await {
                tracing::warn!(error = %e, "could not make the automatic newsletter editions");
            }
            if let Err(e) = fan_out(&cx).await {
                tracing::warn!(error = %e, "could not queue a newsletter edition's mail");
            }
            match send_due(&mut cx).await {
                Ok(n) if n as i64 >= SEND_BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "newsletter mail queue unavailable"),
            }
            self.wake.wait(POLL, &mut stop).await;
        }
    }
}

/// Makes the edition of each automatic newsletter whose hour has come, on the site's clocks
/// (`--time-zone`; `due_slot` keeps clock changes in mind).
async fn schedule(cx: &Context) -> crate::store::Result<()> {
    let now = cx.clock.now();
    for (id, name, source, through) in cx.store.automatic_newsletters().await? {
        let Some(hour) = source.hour() else { continue };
        let Some(slot) = due_slot(now, hour, through, &cx.config.time_zone.tz()) else {
            continue;
        };
        let subject = format!("{name}: {}", cx.config.site_dates().day(slot));
        match cx
            .store
            .make_scheduled_edition(id, source, slot, &subject, now)
            .await?
        {
            Scheduled::Made(edition) => {
                tracing::info!(newsletter = id.0, edition = edition.0, %slot, "automatic edition made")
            }
            Scheduled::Skipped => {
                tracing::info!(newsletter = id.0, %slot, "automatic edition skipped: nothing new")
            }
            Scheduled::Raced => {}
        }
    }
    Ok(())
}

/// Runs each due fan-out to its end (or until its lease would run out).
async fn fan_out(cx: &Context) -> crate::store::Result<()> {
    let now = cx.clock.now();
    if !cx.store.jobs_due(JobKind::Newsletter, now).await? {
        return Ok(());
    }
    let policy = JobKind::Newsletter.policy();
    let claimed = cx
        .store
        .claim_jobs::<FanOutJob>(JobKind::Newsletter, now, policy.lease, 1)
        .await?;
    for job in claimed {
        let edition = EditionId(job.payload.edition);
        let started = std::time::Instant::now();
        let outcome = loop {
            match cx
                .store
                .fan_out_batch(edition, FAN_OUT_BATCH, cx.clock.now())
                .await
            {
                Ok(FanOut::Finished) => break Ok(true),
                Ok(FanOut::Queued(_) | FanOut::Raced) => {}
                Err(e) => break Err(e),
            }
            // Leave the rest to the next attempt well within the lease, so no other worker
            // takes the job over while this one still works on it.
            if started.elapsed() > Duration::from_secs(30) {
                break Ok(false);
            }
        };
        let now = cx.clock.now();
        match outcome {
            Ok(true) => {
                tracing::info!(
                    edition = edition.0,
                    "newsletter edition queued for every subscriber"
                );
                cx.store
                    .complete_job(job.id, job.attempt, now, None)
                    .await?;
            }
            Ok(false) => {
                cx.store
                    .fail_job(job.id, job.attempt, now, "to be continued", None, Some(now))
                    .await?;
            }
            Err(e) => {
                let retry_at = policy.retry_at(job.attempt, now);
                cx.store
                    .fail_job(job.id, job.attempt, now, &e.to_string(), None, retry_at)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Claims and sends the edition mails that are due, side by side; how many were claimed.
async fn send_due(cx: &mut Context) -> crate::store::Result<usize> {
    let now = cx.clock.now();
    if !cx.store.jobs_due(JobKind::NewsletterMail, now).await? {
        return Ok(0);
    }
    let policy = JobKind::NewsletterMail.policy();
    let claimed = cx
        .store
        .claim_jobs::<EditionMailJob>(JobKind::NewsletterMail, now, policy.lease, SEND_BATCH)
        .await?;
    let n = claimed.len();
    for job in &claimed {
        let edition = job.payload.edition;
        if !cx.rendered.contains_key(&edition) {
            let r = render(&cx.store, &cx.config, EditionId(edition), now).await?;
            cx.rendered.insert(edition, r);
        }
    }
    let cx = &*cx;
    let sends = claimed.into_iter().map(|job| async move {
        let outcome = match cx.store.edition_recipient(job.payload).await {
            Err(e) => Err(e.to_string()),
            // Unsubscribed or gone since it was queued: nothing to send.
            Ok(None) => Ok(()),
            Ok(Some((to, locale))) => match cx.rendered.get(&job.payload.edition) {
                Some(Some(rendered)) => {
                    let key = format!("newsletter.{}.{}", job.payload.edition, job.payload.user);
                    let locale = Locale::of_member(locale.as_deref(), cx.config.locale);
                    send_edition(
                        &cx.mailer,
                        &cx.config,
                        &cx.key,
                        &in_language(rendered, locale),
                        &to,
                        job.payload.user,
                        &key,
                    )
                    .await
                    .map_err(|e| e.to_string())
                }
                _ => Ok(()),
            },
        };
        (job, outcome)
    });
    for (job, outcome) in futures_util::future::join_all(sends).await {
        let now = cx.clock.now();
        match outcome {
            Ok(()) => {
                cx.store
                    .complete_job(job.id, job.attempt, now, None)
                    .await?;
            }
            Err(e) => {
                let retry_at = policy.retry_at(job.attempt, now);
                tracing::warn!(job = job.id, error = %e, ?retry_at, "sending a newsletter mail failed");
                cx.store
                    .fail_job(job.id, job.attempt, now, &e, None, retry_at)
                    .await?;
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_is_framed_in_the_subscribers_language() {
        let english = framing(Tr::new(Locale::En), "Morning", "The Paper");
        assert_eq!(
            english.why,
            "You get Morning from The Paper because you subscribed to it."
        );
        assert_eq!((english.lang.as_str(), english.rtl), ("en", false));
        let german = framing(Tr::new(Locale::De), "Morning", "The Paper");
        assert_eq!(german.lang, "de");
        assert!(german.why.contains("Morning") && german.why != english.why);
        assert_ne!(german.unsubscribe, english.unsubscribe);
        let arabic = framing(Tr::new(Locale::Ar), "Morning", "The Paper");
        assert_eq!((arabic.lang.as_str(), arabic.rtl), ("ar", true));
    }
}
