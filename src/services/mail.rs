//! Outgoing mail: over SMTP when a relay is configured, otherwise written as `.eml` files to
//! `DATA_DIR/outbox/` (and the message logged), so a local site works with no mail server.
//!
//! The SMTP transport is plain SMTP to a relay (a local MTA or the provider's submission relay on
//! a private network); TLS is left out to keep the build light and is noted in the README.

use std::path::{Path, PathBuf};

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub enum Mailer {
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address {0} cannot receive mail")]
    Address(String),
    #[error("building the message failed: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("the SMTP relay refused or failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing to the outbox failed: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("the outbox folder cannot be created: {0}")]
    Io(#[from] std::io::Error),
}

pub struct Mail<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: String,
}

/// A mail from the queue: its Message-ID stays the same over retries (so a receiver can tell a
/// repeat), and a notification carries one-click unsubscribe headers (RFC 8058).
pub struct QueuedMail<'a> {
    pub mail: Mail<'a>,
    pub message_id: &'a str,
    pub unsubscribe_url: Option<&'a str>,
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_owned(),
        )
    }
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, data_dir: &Path) -> Result<Mailer, MailError> {
        Ok(match smtp_url {
            Some(url) => {
                let rest = url
                    .strip_prefix("smtp://")
                    .ok_or_else(|| MailError::Address(format!("{url} (use smtp://host:port)")))?;
                let rest = rest.trim_end_matches('/');
                let (host, port) = match rest.rsplit_once(':') {
                    Some((h, p)) => (
                        h,
                        p.parse()
                            .map_err(|_| MailError::Address(format!("{url} (bad port)")))?,
                    ),
                    None => (rest, 25),
                };
                Mailer::Smtp(
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                        .port(port)
                        .build(),
                )
            }
            None => Mailer::Outbox(data_dir.join("outbox")),
        })
    }

    pub async fn send(&self, mail: Mail<'_>) -> Result<(), MailError> {
        self.send_queued(QueuedMail {
            mail,
            message_id: "",
            unsubscribe_url: None,
        })
        .await
    }

    /// Sends `queued`; an empty Message-ID lets lettre make one.
    pub async fn send_queued(&self, queued: QueuedMail<'_>) -> Result<(), MailError> {
        let mail = queued.mail;
        let from: Mailbox = mail
            .from
            .parse()
            .map_err(|_| MailError::Address(mail.from.to_owned()))?;
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.to_owned()))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN);
        if !queued.message_id.is_empty() {
            builder = builder.message_id(Some(queued.message_id.to_owned()));
        }
        if let Some(url) = queued.unsubscribe_url {
            builder = builder
                .header(ListUnsubscribe(url.to_owned()))
                .header(ListUnsubscribePost);
        }
        let message = builder.body(mail.text.clone())?;
        match self {
            Mailer::Smtp(t) => {
                t.send(message).await?;
            }
            Mailer::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                let id = AsyncFileTransport::<Tokio1Executor>::new(dir)
                    .send(message)
                    .await?;
                tracing::info!(to = mail.to, subject = mail.subject, file = %dir.join(format!("{id}.eml")).display(), "mail written to the outbox:\n{}", mail.text);
            }
        }
        Ok(())
    }
}
