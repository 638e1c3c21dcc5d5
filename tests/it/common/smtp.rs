//! A real SMTP server for tests, on loopback: it speaks enough of RFC 5321 for lettre (EHLO,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every accepted message, and can be switched into
//! an outage (every MAIL answered with a temporary failure) to test retries.
//!
//! It can also speak TLS ([`SmtpReceiver::start_tls`]): from the first byte (`smtps://`) or
//! after STARTTLS, with a self-signed certificate for 127.0.0.1 made when it starts.

#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA (headers and body, dot-unstuffed, CRLF line ends).
    pub raw: String,
    /// Whether the message came over TLS.
    pub over_tls: bool,
}

/// How a TLS receiver starts TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// TLS from the first byte (`smtps://`).
    Implicit,
    /// Plain greeting, then STARTTLS (offered in the EHLO answer).
    StartTls,
}

#[derive(Clone)]
struct TlsSetup {
    mode: TlsMode,
    acceptor: tokio_rustls::TlsAcceptor,
    /// The self-signed certificate, PEM: what a client must trust.
    certificate_pem: String,
}

/// Either a TCP stream or a TLS one over it.
trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

#[derive(Clone)]
pub struct SmtpReceiver {
    pub port: u16,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
    failing: Arc<AtomicBool>,
    /// Count of MAIL commands refused during an outage (so a test can see the sender tried).
    refused: Arc<std::sync::atomic::AtomicUsize>,
    tls: Option<TlsSetup>,
}

impl SmtpReceiver {
    pub async fn start() -> SmtpReceiver {
        Self::start_with(None).await
    }

    /// A receiver speaking TLS as `mode` says, with a certificate for 127.0.0.1 made now.
    pub async fn start_tls(mode: TlsMode) -> SmtpReceiver {
        use tokio_rustls::rustls;
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(
            rustls::pki_types::PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()),
        );
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .unwrap();
        Self::start_with(Some(TlsSetup {
            mode,
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
            certificate_pem: made.cert.pem(),
        }))
        .await
    }

    async fn start_with(tls: Option<TlsSetup>) -> SmtpReceiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let receiver = SmtpReceiver {
            port,
            messages: Arc::default(),
            failing: Arc::default(),
            refused: Arc::default(),
            tls,
        };
        let r = receiver.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let r = r.clone();
                tokio::spawn(async move {
                    let stream: Box<dyn Stream> = match &r.tls {
                        Some(t) if t.mode == TlsMode::Implicit => {
                            match t.acceptor.accept(socket).await {
                                Ok(s) => Box::new(s),
                                // A client that does not trust the certificate hangs up here.
                                Err(_) => return,
                            }
                        }
                        _ => Box::new(socket),
                    };
                    let over_tls = r.tls.as_ref().is_some_and(|t| t.mode == TlsMode::Implicit);
                    let _ = r.session(stream, over_tls, true).await;
                });
            }
        });
        receiver
    }

    /// The relay URL to give the app (`Config::smtp_url`).
    pub fn url(&self) -> String {
        match self.tls.as_ref().map(|t| t.mode) {
            None => format!("smtp://127.0.0.1:{}", self.port),
            Some(TlsMode::Implicit) => format!("smtps://127.0.0.1:{}", self.port),
            Some(TlsMode::StartTls) => format!("smtp://127.0.0.1:{}?tls=starttls", self.port),
        }
    }

    /// The self-signed certificate of a TLS receiver, as PEM (for `--smtp-ca-file`).
    pub fn certificate_pem(&self) -> String {
        self.tls
            .as_ref()
            .expect("a TLS receiver")
            .certificate_pem
            .clone()
    }

    /// While on, every MAIL FROM is answered `451` (a temporary failure, as in an outage).
    pub fn set_failing(&self, failing: bool) {
        self.failing.store(failing, Ordering::SeqCst);
    }

    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }

    pub async fn messages(&self) -> Vec<ReceivedMail> {
        self.messages.lock().await.clone()
    }

    /// Messages to `address` so far.
    pub async fn messages_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.messages()
            .await
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits until `address` has at least `n` messages (at most `limit`), and returns them.
    pub async fn wait_for_to(&self, address: &str, n: usize, limit: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let got = self.messages_to(address).await;
            if got.len() >= n {
                return got;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{address} got {} of {n} mails: {got:#?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits (up to `limit`) until at least `n` messages have arrived, and returns them all.
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let got = self.messages().await;
            if got.len() >= n || tokio::time::Instant::now() >= deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// One client's session; `greet`: send the banner (not after STARTTLS, where the client
    /// speaks first).
    async fn session(
        &self,
        stream: Box<dyn Stream>,
        over_tls: bool,
        greet: bool,
    ) -> std::io::Result<()> {
        let mut conn = BufReader::new(stream);
        if greet {
            conn.write_all(b"220 test-smtp ready\r\n").await?;
        }
        let offer_starttls = !over_tls && self.tls.is_some();
        let mut from = String::new();
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if conn.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_owned();
            let upper = command.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") && offer_starttls {
                b"250-test-smtp\r\n250-STARTTLS\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n"
            } else if upper.starts_with("EHLO") {
                b"250-test-smtp\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n"
            } else if upper == "STARTTLS" && offer_starttls {
                conn.write_all(b"220 2.0.0 ready to start TLS\r\n").await?;
                let acceptor = self.tls.as_ref().unwrap().acceptor.clone();
                let Ok(tls) = acceptor.accept(conn.into_inner()).await else {
                    return Ok(());
                };
                // After STARTTLS the client greets again, over TLS; no new banner.
                return Box::pin(self.session(Box::new(tls), true, false)).await;
            } else if upper.starts_with("HELO") {
                b"250 test-smtp\r\n"
            } else if upper.starts_with("MAIL FROM:") {
                if self.failing.load(Ordering::SeqCst) {
                    self.refused.fetch_add(1, Ordering::SeqCst);
                    b"451 4.3.0 test outage, try again later\r\n"
                } else {
                    from = address_in(&command[10..]);
                    to.clear();
                    b"250 2.1.0 ok\r\n"
                }
            } else if upper.starts_with("RCPT TO:") {
                to.push(address_in(&command[8..]));
                b"250 2.1.5 ok\r\n"
            } else if upper == "DATA" {
                conn.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if conn.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let l = line.strip_prefix('.').unwrap_or(&line);
                    raw.push_str(l);
                }
                self.messages.lock().await.push(ReceivedMail {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    raw,
                    over_tls,
                });
                b"250 2.0.0 queued\r\n"
            } else if upper == "RSET" {
                from.clear();
                to.clear();
                b"250 2.0.0 ok\r\n"
            } else if upper == "NOOP" {
                b"250 2.0.0 ok\r\n"
            } else if upper == "QUIT" {
                conn.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            } else {
                b"502 5.5.2 not implemented\r\n"
            };
            conn.write_all(reply).await?;
        }
    }
}

fn address_in(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(a), Some(b)) if a < b => arg[a + 1..b].to_owned(),
        _ => arg.split_whitespace().next().unwrap_or("").to_owned(),
    }
}

impl ReceivedMail {
    /// A mail the app wrote to its outbox (no SMTP relay): the envelope is read from the
    /// message's own From and To headers.
    pub fn from_file(raw: String) -> ReceivedMail {
        let head = raw
            .split_once("\r\n\r\n")
            .or_else(|| raw.split_once("\n\n"))
            .map_or(raw.as_str(), |(h, _)| h);
        let address = |name: &str| {
            header_in(head, name)
                .map(|v| address_in(&v))
                .unwrap_or_default()
        };
        ReceivedMail {
            from: address("From"),
            to: vec![address("To")],
            raw: raw.clone(),
            over_tls: false,
        }
    }

    fn split(&self) -> (&str, &str) {
        self.raw
            .split_once("\r\n\r\n")
            .or_else(|| self.raw.split_once("\n\n"))
            .unwrap_or((&self.raw, ""))
    }

    /// The value of the first header called `name` (case-insensitive), unfolded; encoded words
    /// (`=?utf-8?b?…?=`) are decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        header_in(self.split().0, name)
    }

    /// The plain-text body: the `text/plain` part of a multipart message, or the whole body,
    /// with its transfer encoding (quoted-printable or base64) undone.
    pub fn text(&self) -> String {
        let (head, body) = self.split();
        text_of(head, body)
    }

    /// The `text/html` part, decoded, if the message has one.
    pub fn html(&self) -> Option<String> {
        let (head, body) = self.split();
        part_of(head, body, "text/html")
    }
}

fn header_in(head: &str, name: &str) -> Option<String> {
    let mut value: Option<String> = None;
    for line in head.lines() {
        if let Some(v) = value.as_mut() {
            if line.starts_with(' ') || line.starts_with('\t') {
                v.push(' ');
                v.push_str(line.trim());
                continue;
            }
            break;
        }
        if let Some((n, v)) = line.split_once(':')
            && n.eq_ignore_ascii_case(name)
        {
            value = Some(v.trim().to_owned());
        }
    }
    value.map(|v| decode_words(&v))
}

fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut previous_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let decoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                let _charset = parts.next()?;
                let encoding = parts.next()?;
                let text = parts.next()?;
                match encoding {
                    "b" | "B" => base64::engine::general_purpose::STANDARD
                        .decode(text)
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok()),
                    "q" | "Q" => Some(quoted_printable(&text.replace('_', " "))),
                    _ => None,
                }
            });
        // Adjacent encoded words are joined without the space between them (RFC 2047 6.2);
        // the space between an encoded word and plain text stays.
        if i > 0 && !(previous_encoded && decoded.is_some()) {
            out.push(' ');
        }
        previous_encoded = decoded.is_some();
        out.push_str(decoded.as_deref().unwrap_or(word));
    }
    out
}

fn text_of(head: &str, body: &str) -> String {
    part_of(head, body, "text/plain").unwrap_or_default()
}

fn part_of(head: &str, body: &str, wanted: &str) -> Option<String> {
    let content_type = header_in(head, "Content-Type").unwrap_or_else(|| "text/plain".into());
    let lower = content_type.to_ascii_lowercase();
    if lower.starts_with("multipart/") {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("boundary="))
            .next()?
            .trim_matches('"')
            .to_owned();
        let marker = format!("--{boundary}");
        for part in body.split(&marker).skip(1) {
            if part.starts_with("--") {
                break;
            }
            let part = part.trim_start_matches(['\r', '\n']);
            let (h, b) = part
                .split_once("\r\n\r\n")
                .or_else(|| part.split_once("\n\n"))
                .unwrap_or((part, ""));
            if let Some(found) = part_of(h, b, wanted) {
                return Some(found);
            }
        }
        return None;
    }
    if !lower.starts_with(wanted) {
        return None;
    }
    let encoding = header_in(head, "Content-Transfer-Encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    Some(match encoding.as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => {
            let joined: String = body.split_whitespace().collect();
            String::from_utf8_lossy(
                &base64::engine::general_purpose::STANDARD
                    .decode(joined)
                    .unwrap_or_default(),
            )
            .into_owned()
        }
        _ => body.to_owned(),
    })
}

fn quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let raw = text.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' {
            // A soft line break joins two lines.
            if raw.get(i + 1) == Some(&b'\r') && raw.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if raw.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if let Some(hex) = text.get(i + 1..i + 3)
                && let Ok(b) = u8::from_str_radix(hex, 16)
            {
                bytes.push(b);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The first `http(s)://` link in `text` whose path contains `needle`.
pub fn link_containing(text: &str, needle: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .find(|w| w.contains(needle))
        .map(|w| w.trim_end_matches(['.', ',', ')']).to_owned())
}
