//! Outgoing mail: over SMTP when a relay is configured, otherwise written as `.eml` files to
//! `DATA_DIR/outbox/` (and the message logged), so a local site works with no mail server.
//!
//! The relay is reached as its URL says (`domain::mail_relay`): implicit TLS (`smtps://`),
//! required STARTTLS, or plain SMTP on this machine (or where the operator asked for it). TLS
//! is rustls with the public roots (webpki-roots), plus the authorities of `--smtp-ca-file`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::domain::mail_relay::{RelaySecurity, RelayUrl};

pub enum Mailer {
    Outbox(PathBuf),
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `host:port`, for messages.
        relay: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address {0} cannot receive mail")]
    Address(String),
    #[error("building the message failed: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("smtp_url: {0}")]
    Relay(String),
    #[error("the certificate authorities in {path} cannot be used: {message}")]
    CaFile { path: String, message: String },
    #[error("the TLS settings for the SMTP relay cannot be used: {0}")]
    TlsSetup(String),
    #[error("{}", describe_smtp_error(.0))]
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
    /// An HTML alternative to the text (a newsletter edition).
    pub html: Option<&'a str>,
    /// The name shown for the sender instead of `from`'s own (a newsletter's sender name).
    pub sender_name: Option<&'a str>,
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
    /// The relay `smtp_url` names (trusting `ca_file`'s authorities too), or the outbox.
    pub fn new(
        smtp_url: Option<&str>,
        ca_file: Option<&Path>,
        data_dir: &Path,
    ) -> Result<Mailer, MailError> {
        let Some(url) = smtp_url else {
            return Ok(Mailer::Outbox(data_dir.join("outbox")));
        };
        let relay = RelayUrl::parse(url).map_err(MailError::Relay)?;
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(relay.host.as_str())
                .port(relay.port)
                // lettre waits a minute by default; a relay that slow is as good as down, and
                // the job is tried again later.
                .timeout(Some(Duration::from_secs(20)));
        if relay.is_tls() {
            let mut tls = TlsParameters::builder(relay.host.clone());
            if let Some(path) = ca_file {
                for cert in ca_certificates(path)? {
                    tls = tls.add_root_certificate(cert);
                }
            }
            let tls = tls
                .build_rustls()
                .map_err(|e| MailError::TlsSetup(error_chain(&e)))?;
            builder = builder.tls(match relay.security {
                RelaySecurity::ImplicitTls => Tls::Wrapper(tls),
                _ => Tls::Required(tls),
            });
        }
        if let Some((user, password)) = &relay.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp {
            transport: builder.build(),
            relay: format!("{}:{}", relay.host, relay.port),
        })
    }

    /// Where mail goes, for people: the relay's `host:port` or the outbox folder.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp { relay, .. } => format!("SMTP relay {relay}"),
            Mailer::Outbox(dir) => format!("outbox folder {}", dir.display()),
        }
    }

    /// Connects to the relay (TLS included), greets it and sends NOOP; sends no mail. `Ok` for
    /// the outbox, which `broadsheet check` probes as a folder.
    pub async fn test_connection(&self) -> Result<(), MailError> {
        if let Mailer::Smtp { transport, .. } = self
            && !transport.test_connection().await?
        {
            return Err(MailError::Relay(
                "the relay answered the greeting but not NOOP".to_owned(),
            ));
        }
        Ok(())
    }

    pub async fn send(&self, mail: Mail<'_>) -> Result<(), MailError> {
        self.send_queued(QueuedMail {
            mail,
            message_id: "",
            unsubscribe_url: None,
            html: None,
            sender_name: None,
        })
        .await
    }

    /// Sends `queued`; an empty Message-ID lets lettre make one.
    pub async fn send_queued(&self, queued: QueuedMail<'_>) -> Result<(), MailError> {
        let mail = queued.mail;
        let mut from: Mailbox = mail
            .from
            .parse()
            .map_err(|_| MailError::Address(mail.from.to_owned()))?;
        if let Some(name) = queued.sender_name {
            from.name = Some(name.to_owned());
        }
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.to_owned()))?;
        let mut builder = Message::builder().from(from).to(to).subject(mail.subject);
        if !queued.message_id.is_empty() {
            builder = builder.message_id(Some(queued.message_id.to_owned()));
        }
        if let Some(url) = queued.unsubscribe_url {
            builder = builder
                .header(ListUnsubscribe(url.to_owned()))
                .header(ListUnsubscribePost);
        }
        let message = match queued.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                html.to_owned(),
            ))?,
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.text.clone())?,
        };
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
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

/// Whether `from` can be a message's sender (`Name <address>` or an address).
pub fn check_sender(from: &str) -> Result<(), String> {
    from.parse::<Mailbox>()
        .map(|_| ())
        .map_err(|e| format!("`{from}` is not a sender's address ({e})"))
}

/// The certificates of a PEM file; at least one.
fn ca_certificates(path: &Path) -> Result<Vec<Certificate>, MailError> {
    let failed = |message: String| MailError::CaFile {
        path: path.display().to_string(),
        message,
    };
    let pem = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
    let text = String::from_utf8_lossy(&pem);
    let blocks: Vec<&str> = text
        .split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .collect();
    if blocks.is_empty() {
        return Err(failed(
            "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned(),
        ));
    }
    blocks
        .into_iter()
        .map(|b| Certificate::from_pem(b.as_bytes()).map_err(|e| failed(error_chain(&e))))
        .collect()
}

/// An error with its causes, `: `-separated.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// What went wrong with the relay, in words an operator can act on.
fn describe_smtp_error(e: &lettre::transport::smtp::Error) -> String {
    // lettre reports a failed TLS handshake as a connection error holding one.
    let detail =
        error_chain(e).replace("Connection error: Connection error: ", "Connection error: ");
    let lower = detail.to_lowercase();
    let tls_failed = e.is_tls()
        || ["certificate", "handshake", "starttls"]
            .iter()
            .any(|w| lower.contains(w));
    if tls_failed {
        let hint = if detail.contains("UnknownIssuer") || detail.contains("certificate") {
            " (if the relay's certificate comes from a private or self-signed authority, give \
             that authority's certificate with --smtp-ca-file)"
        } else {
            ""
        };
        format!("the TLS connection to the SMTP relay failed: {detail}{hint}")
    } else if e.is_permanent() || e.is_transient() {
        format!("the SMTP relay refused: {detail}")
    } else if e.is_timeout() {
        format!("the SMTP relay did not answer in time: {detail}")
    } else {
        format!("the SMTP relay could not be reached or failed: {detail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_must_hold_certificates() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let e = Mailer::new(Some("smtps://127.0.0.1"), Some(&missing), dir.path())
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.starts_with(&format!(
                "the certificate authorities in {}",
                missing.display()
            )),
            "{e}"
        );
        let empty = dir.path().join("key.pem");
        std::fs::write(
            &empty,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let e = Mailer::new(Some("smtps://127.0.0.1"), Some(&empty), dir.path())
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("holds no PEM certificate"), "{e}");
        let e = Mailer::new(Some("smtp://mail.example.org"), None, dir.path())
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.starts_with("smtp_url: ") && e.contains("unencrypted"),
            "{e}"
        );
    }
}
