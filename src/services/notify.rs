//! Mail to members, off the request path. Every server process runs one [`Mailroom`] worker;
//! they share the database's notifications and mail jobs (see `store::notifications` and
//! `store::jobs`), so each mail is made and sent once whichever process recorded its event, a
//! mail in flight when its process died is tried again after its lease, and one refused during
//! a mail-server outage is retried with growing delays (`domain::jobs` has the schedule).
//!
//! Each round the worker turns new notifications into mail, makes the daily digests that are
//! due, raises or lowers moderation-queue alerts, then sends what is due.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::Clock;
use crate::domain::comment::CommentStatus;
use crate::domain::jobs::JobKind;
use crate::domain::l10n::Tr;
use crate::domain::locale::{Dates, Locale, Zone};
use crate::domain::moderation::Queue;
use crate::domain::notification::{MailKind, Reason, digest_due, unsubscribe_token};
use crate::domain::user::Role;
use crate::services::mail::{Mail, Mailer, QueuedMail};
use crate::store::Store;
use crate::store::notifications::{NewMail, NotificationDetail, QueueWatcher};

/// Mails claimed, or notifications turned into mail, per round.
const BATCH: i64 = 20;
/// How often the queue is looked at when nothing woke the worker.
const POLL: Duration = Duration::from_secs(1);
/// The longest part of a comment quoted in a mail.
const QUOTE_CHARS: usize = 1200;

/// Wakes this process's mail worker, and holds the key of the unsubscribe links.
#[derive(Clone)]
pub struct Mailroom {
    wake: super::wake::Wake,
    key: Arc<[u8]>,
}

/// What the worker needs besides the store.
struct Context {
    store: Store,
    clock: Clock,
    config: Arc<Config>,
    mailer: Arc<Mailer>,
    key: Arc<[u8]>,
}

impl Mailroom {
    /// Loads (or creates) the site's unsubscribe key, shared by every process.
    pub async fn load(store: &Store) -> crate::store::Result<Mailroom> {
        let key = store
            .site_secret("unsubscribe_key", &random_hex(32))
            .await?;
        Ok(Mailroom {
            wake: Default::default(),
            key: Arc::from(key.into_bytes()),
        })
    }

    pub fn wake(&self) {
        self.wake.wake();
    }

    /// The key unsubscribe tokens are signed with.
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    /// Works until `stop` turns true.
    pub async fn run(
        self,
        store: Store,
        clock: Clock,
        config: Arc<Config>,
        mailer: Arc<Mailer>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let cx = Context {
            store,
            clock,
            config,
            mailer,
            key: self.key.clone(),
        };
        loop {
            if *stop.borrow() {
                return;
            }
            if let Err(e) = prepare(&cx).await {
                tracing::warn!(error = %e, "could not turn notifications into mail");
            }
            if let Err(e) = check_queue_alerts(&cx).await {
                tracing::warn!(error = %e, "could not check the moderation-queue alerts");
            }
            match send_due(&cx).await {
                // A full batch: there may be more waiting.
                Ok(n) if n as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail queue unavailable"),
            }
            self.wake.wait(POLL, &mut stop).await;
        }
    }
}

fn random_hex(bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    hex::encode(raw)
}

impl Context {
    fn base(&self) -> &str {
        self.config.base_url.trim_end_matches('/')
    }

    fn unsubscribe_url(&self, user_id: i64, kind: MailKind) -> String {
        format!(
            "{}/unsubscribe/{}",
            self.base(),
            unsubscribe_token(&self.key, user_id, kind)
        )
    }

    /// A new Message-ID, kept with the queued mail so every retry carries the same one.
    fn message_id(&self) -> String {
        let host = self
            .base()
            .split("://")
            .nth(1)
            .unwrap_or("localhost")
            .split(['/', ':'])
            .next()
            .unwrap_or("localhost");
        format!("<{}@{host}>", random_hex(16))
    }

    fn comment_url(&self, n: &NotificationDetail) -> String {
        format!(
            "{}/articles/{}#comment-{}",
            self.base(),
            n.article_slug,
            n.comment_id
        )
    }
}

/// Immediate notifications into one mail each; due digests into one mail per member.
async fn prepare(cx: &Context) -> crate::store::Result<()> {
    let now = cx.clock.now();
    prepare_answers(cx, now).await?;
    let due = digest_due(now);
    // A cheap read first, so an idle site never takes SQLite's single writer.
    if !cx.store.notifications_waiting(due).await? {
        return Ok(());
    }
    for n in cx.store.unmailed_notifications(BATCH).await? {
        let mail = (n.comment_status == CommentStatus::Visible).then(|| notification_mail(cx, &n));
        cx.store
            .queue_notification_mail(n.id, mail.as_ref(), now)
            .await?;
    }
    for user_id in cx.store.digests_due(due, BATCH).await? {
        cx.store
            .make_digest(user_id, due, now, |items| {
                digest_mail(cx, user_id, due, items)
            })
            .await?;
    }
    Ok(())
}

/// Readers who asked to be told when the newsroom answered their question ("Ask the
/// newsroom"), once the answer is published: one mail each, asked for on the question's form.
async fn prepare_answers(cx: &Context, now: DateTime<Utc>) -> crate::store::Result<()> {
    for a in cx.store.answers_to_mail(BATCH).await? {
        let url = format!(
            "{}/articles/{}#update-{}",
            cx.base(),
            a.article_slug,
            a.update_id
        );
        let (subject, body) = answered_mail(
            words_for(cx, a.locale.as_deref()),
            &cx.config.site_name,
            &a.asker_name,
            &a.body,
            &a.article_title,
            &url,
        );
        let mail = NewMail {
            dedupe_key: format!("question-answered:{}", a.question_id),
            user_id: Some(a.asker_id),
            to: a.email.clone(),
            subject,
            body,
            unsubscribe_url: None,
            message_id: cx.message_id(),
        };
        cx.store
            .queue_answer_mail(a.question_id, &mail, now)
            .await?;
    }
    Ok(())
}

/// The mail telling a reader their question was answered: its subject and text.
fn answered_mail(
    tr: Tr,
    site: &str,
    reader: &str,
    question: &str,
    headline: &str,
    url: &str,
) -> (String, String) {
    let subject = tr.t1("mail-answered-subject", "site", site);
    let body = format!(
        "{hello}\n\n{asked}\n\n> {question}\n\n{where_}\n{url}\n\n{why}\n\n— {site}\n",
        hello = tr.t1("mail-hello-name", "name", reader),
        asked = tr.t1("mail-answered-asked", "title", headline),
        question = question.replace('\n', "\n> "),
        where_ = tr.t("mail-answered-where"),
        why = tr.t("mail-answered-why"),
    );
    (subject, body)
}

fn quote(body: &str) -> String {
    let mut text: String = body.chars().take(QUOTE_CHARS).collect();
    if body.chars().count() > QUOTE_CHARS {
        text.push('…');
    }
    text.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of a member's mail: their language, else the site's.
fn words_for(cx: &Context, locale: Option<&str>) -> Tr {
    Tr::new(Locale::of_member(locale, cx.config.locale))
}

fn what_happened(tr: Tr, n: &NotificationDetail) -> String {
    match n.reason() {
        Reason::Reply => tr.t2(
            "mail-reply-subject",
            "author",
            &n.author_name,
            "title",
            &n.article_title,
        ),
        Reason::Mention => tr.t2(
            "mail-mention-subject",
            "author",
            &n.author_name,
            "title",
            &n.article_title,
        ),
    }
}

fn notification_mail(cx: &Context, n: &NotificationDetail) -> NewMail {
    let tr = words_for(cx, n.recipient_locale.as_deref());
    let site = &cx.config.site_name;
    let (kind, why) = match n.reason() {
        Reason::Reply => (MailKind::Replies, tr.t1("mail-why-replies", "site", site)),
        Reason::Mention => (MailKind::Mentions, tr.t1("mail-why-mentions", "site", site)),
    };
    let unsubscribe = cx.unsubscribe_url(n.recipient_id, kind);
    let body = format!(
        "{hello}\n\n{what}:\n\n{quote}\n\n{answer} {link}\n\n-- \n\
         {why}\n\
         {stop} {unsubscribe}\n\
         {choose} {base}/settings\n",
        hello = tr.t1("mail-hello-name", "name", &n.recipient_name),
        what = what_happened(tr, n),
        quote = quote(&n.body_source),
        answer = tr.t("mail-read-and-answer"),
        link = cx.comment_url(n),
        stop = tr.t("mail-stop-these"),
        choose = tr.t("mail-choose-what"),
        base = cx.base(),
    );
    NewMail {
        dedupe_key: format!("notification:{}", n.id),
        user_id: Some(n.recipient_id),
        to: n.recipient_email.clone(),
        subject: what_happened(tr, n),
        body,
        unsubscribe_url: Some(unsubscribe),
        message_id: cx.message_id(),
    }
}

fn digest_mail(
    cx: &Context,
    user_id: i64,
    due: DateTime<Utc>,
    items: &[NotificationDetail],
) -> NewMail {
    let first = &items[0];
    let unsubscribe = cx.unsubscribe_url(user_id, MailKind::Digest);
    let locale = Locale::of_member(first.recipient_locale.as_deref(), cx.config.locale);
    let tr = Tr::new(locale);
    let zone = first
        .recipient_time_zone
        .as_deref()
        .and_then(|z| Zone::parse(z).ok())
        .unwrap_or(cx.config.time_zone);
    let dates = Dates::new(locale.language_tag(), zone);
    let entries: Vec<String> = items
        .iter()
        .map(|n| {
            format!(
                "{what} ({at}):\n\n{quote}\n\n{link}\n",
                what = what_happened(tr, n),
                at = dates.day_and_time(n.created_at),
                quote = quote(&n.body_source),
                link = cx.comment_url(n),
            )
        })
        .collect();
    let count = items.len();
    let body = format!(
        "{hello}\n\n{since}\n\n{entries}\n-- \n\
         {why}\n\
         {stop} {unsubscribe}\n\
         {choose} {base}/settings\n",
        hello = tr.t1("mail-hello-name", "name", &first.recipient_name),
        since = tr.t1("mail-digest-since", "count", count),
        entries = entries.join("\n"),
        why = tr.t1("mail-why-digest", "site", &cx.config.site_name),
        stop = tr.t("mail-stop-these"),
        choose = tr.t("mail-choose-what"),
        base = cx.base(),
    );
    NewMail {
        dedupe_key: format!("digest:{user_id}:{}", due.to_rfc3339()),
        user_id: Some(user_id),
        to: first.recipient_email.clone(),
        subject: tr.t1("mail-digest-subject", "count", count),
        body,
        unsubscribe_url: Some(unsubscribe),
        message_id: cx.message_id(),
    }
}

/// Raises the alert of each watcher whose threshold the queue has reached (once per crossing)
/// and lowers it when the queue is back below.
async fn check_queue_alerts(cx: &Context) -> crate::store::Result<()> {
    let watchers = cx.store.queue_watchers().await?;
    if watchers.is_empty() {
        return Ok(());
    }
    let sizes = cx.store.queue_sizes().await?;
    let total: i64 = sizes.iter().map(|(_, n)| n).sum();
    let now = cx.clock.now();
    for w in watchers {
        // The role is checked when the alert goes out too: a moderator no longer is not told.
        let staff = Role::parse(&w.role).is_ok_and(|r| r >= Role::Moderator);
        if staff && total >= w.queue_alert_at && !w.queue_alerted {
            let mail = alert_mail(cx, &w, total, &sizes);
            if cx.store.raise_queue_alert(w.user_id, &mail, now).await? {
                tracing::info!(user = w.user_id, total, "moderation-queue alert queued");
            }
        } else if total < w.queue_alert_at && w.queue_alerted {
            cx.store.lower_queue_alert(w.user_id).await?;
        }
    }
    Ok(())
}

fn alert_mail(cx: &Context, w: &QueueWatcher, total: i64, sizes: &[(Queue, i64); 3]) -> NewMail {
    let tr = words_for(cx, w.locale.as_deref());
    let lines: Vec<String> = sizes
        .iter()
        .map(|(q, n)| {
            let queue = tr.t(match q {
                Queue::Pending => "mail-queue-pending",
                Queue::Reported => "mail-queue-reported",
                Queue::Flagged => "mail-queue-flagged",
            });
            format!("  {queue}: {n}")
        })
        .collect();
    let threshold = w.queue_alert_at;
    let body = format!(
        "{hello}\n\n{holds}\n\n\
         {lines}\n\n{open} {base}/admin/moderation\n\n\
         {quiet}\n\n-- \n\
         {stop} {unsubscribe}\n{change} {base}/settings\n",
        hello = tr.t1("mail-hello-name", "name", &w.display_name),
        holds = tr.t2("mail-alert-holds", "count", total, "threshold", threshold),
        lines = lines.join("\n"),
        open = tr.t("mail-alert-open"),
        quiet = tr.t1("mail-alert-quiet", "threshold", threshold),
        stop = tr.t("mail-alert-stop"),
        change = tr.t("mail-alert-change"),
        base = cx.base(),
        unsubscribe = cx.unsubscribe_url(w.user_id, MailKind::QueueAlert),
    );
    NewMail {
        // One mail per crossing is the compare-and-set's work (`raise_queue_alert`); the key
        // only has to differ from every earlier crossing's, which a time may not.
        dedupe_key: format!("queue-alert:{}:{}", w.user_id, random_hex(8)),
        user_id: Some(w.user_id),
        to: w.email.clone(),
        subject: tr.t1("mail-alert-subject", "count", total),
        body,
        unsubscribe_url: Some(cx.unsubscribe_url(w.user_id, MailKind::QueueAlert)),
        message_id: cx.message_id(),
    }
}

/// Claims and sends the mail that is due; returns how many were attempted.
async fn send_due(cx: &Context) -> crate::store::Result<usize> {
    let now = cx.clock.now();
    if !cx.store.mail_due(now).await? {
        return Ok(0);
    }
    let policy = JobKind::Mail.policy();
    let claimed = cx.store.claim_mail(now, now + policy.lease, BATCH).await?;
    let n = claimed.len();
    for m in claimed {
        let sent = cx
            .mailer
            .send_queued(QueuedMail {
                mail: Mail {
                    from: &cx.config.mail_from,
                    to: &m.to_address,
                    subject: &m.subject,
                    text: m.body.clone(),
                },
                message_id: &m.message_id,
                unsubscribe_url: m.unsubscribe_url.as_deref(),
                html: None,
                sender_name: None,
            })
            .await;
        let now = cx.clock.now();
        let recorded = match sent {
            Ok(()) => {
                tracing::info!(mail = m.id, "mail sent");
                cx.store.complete_job(m.id, m.attempts, now, None).await?
            }
            Err(e) => {
                let retry_at = policy.retry_at(m.attempts, now);
                tracing::warn!(mail = m.id, error = %e, ?retry_at, "sending a mail failed");
                let error = e.to_string();
                cx.store
                    .fail_job(m.id, m.attempts, now, &error, None, retry_at)
                    .await?
            }
        };
        if !recorded {
            tracing::warn!(
                mail = m.id,
                attempt = m.attempts,
                "mail attempt outlived its lease; a later attempt's outcome stands"
            );
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_mail_quotes_the_question_in_the_readers_language() {
        let (subject, body) = answered_mail(
            Tr::new(Locale::En),
            "Broadsheet",
            "Ann",
            "Is the bridge open?\nAnd the ferry?",
            "Storm",
            "https://x/a#update-3",
        );
        assert_eq!(subject, "The newsroom answered your question — Broadsheet");
        assert!(body.starts_with("Hello Ann,\n\nYou asked the newsroom, on “Storm”:"));
        assert!(body.contains("> Is the bridge open?\n> And the ferry?"));
        assert!(body.contains("https://x/a#update-3"));
        let (german, _) = answered_mail(Tr::new(Locale::De), "B", "Ann", "?", "S", "u");
        assert_ne!(german, "The newsroom answered your question — B");
    }
}
