//! The SMTP relay setting (`--smtp-url`): which host and port, how the connection is secured,
//! and the account to sign in with.
//!
//! - `smtps://host[:port]`: TLS from the first byte (implicit TLS, port 465 by default);
//! - `smtp://host[:port]?tls=starttls`: plain connection upgraded with STARTTLS, which must be
//!   offered (port 587 by default);
//! - `smtp://host[:port]`: no encryption (port 25 by default), taken only for a relay on this
//!   machine (loopback); any other host needs `?tls=none` to say so, because mail carries
//!   sign-in and password-reset links that anyone on the way could read and use.
//!
//! `user:password@` before the host signs in (percent-encoded, as in any URL).

use std::net::IpAddr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelaySecurity {
    /// TLS from the first byte (`smtps://`).
    ImplicitTls,
    /// `STARTTLS` required after the greeting.
    StartTls,
    /// No encryption: loopback, or a network the operator said to trust (`?tls=none`).
    Plain,
}

#[derive(Clone, PartialEq, Eq)]
pub struct RelayUrl {
    pub host: String,
    pub port: u16,
    pub security: RelaySecurity,
    /// User name and password, decoded.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for RelayUrl {
    /// Without the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelayUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .finish()
    }
}

impl RelayUrl {
    /// Parses the setting; the error says what to write instead.
    pub fn parse(url: &str) -> Result<RelayUrl, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("`{}` is not an SMTP URL: {USAGE}", redacted(url)))?;
        let implicit = match scheme.to_ascii_lowercase().as_str() {
            "smtps" => true,
            "smtp" => false,
            _ => return Err(format!("`{}` is not an SMTP URL: {USAGE}", redacted(url))),
        };
        let (authority, query) = match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        };
        let authority = authority.trim_end_matches('/');
        if authority.contains('/') {
            return Err(format!(
                "`{}` has a path; an SMTP URL names only a host and port: {USAGE}",
                redacted(url)
            ));
        }
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let credentials = match userinfo {
            Some(u) => {
                let (user, password) = u.split_once(':').unwrap_or((u, ""));
                Some((decode(user)?, decode(password)?))
            }
            None => None,
        };
        let (host, port) = split_host_port(hostport)
            .ok_or_else(|| format!("`{}` has no valid host and port: {USAGE}", redacted(url)))?;
        if host.is_empty() {
            return Err(format!("`{}` names no host: {USAGE}", redacted(url)));
        }
        let tls = match query {
            None | Some("") => None,
            Some(q) => match q.strip_prefix("tls=") {
                Some(v @ ("starttls" | "none")) => Some(v),
                _ => {
                    return Err(format!(
                        "`{}`: the only option is tls=starttls or tls=none: {USAGE}",
                        redacted(url)
                    ));
                }
            },
        };
        let security = match (implicit, tls) {
            (true, None) => RelaySecurity::ImplicitTls,
            (true, Some(_)) => {
                return Err(format!(
                    "`{}`: smtps:// is always TLS; leave out ?tls=",
                    redacted(url)
                ));
            }
            (false, Some("starttls")) => RelaySecurity::StartTls,
            (false, Some(_)) => RelaySecurity::Plain,
            (false, None) if is_loopback(&host) => RelaySecurity::Plain,
            (false, None) => {
                return Err(format!(
                    "`{}` would send mail, with its sign-in and password-reset links, \
                     unencrypted to another machine: use smtps://{host}:465 (TLS) or \
                     smtp://{host}:587?tls=starttls, or add ?tls=none if the network to the \
                     relay is one you trust",
                    redacted(url)
                ));
            }
        };
        let port = port.unwrap_or(match security {
            RelaySecurity::ImplicitTls => 465,
            RelaySecurity::StartTls => 587,
            RelaySecurity::Plain => 25,
        });
        Ok(RelayUrl {
            host,
            port,
            security,
            credentials,
        })
    }

    pub fn is_tls(&self) -> bool {
        self.security != RelaySecurity::Plain
    }
}

const USAGE: &str = "write smtps://host:465, smtp://host:587?tls=starttls, \
                     or smtp://localhost:25 for a relay on this machine";

/// The URL with its password replaced by `***`, for messages.
fn redacted(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.rsplit_once('@')
        && let Some((user, _)) = userinfo.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_owned()
}

fn decode(s: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| "the SMTP user name or password is not valid UTF-8 once decoded".to_owned())
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; the host without brackets.
fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        match after {
            "" => (h, None),
            p => (h, Some(p.strip_prefix(':')?)),
        }
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p != 0)?),
        None => None,
    };
    Some((host.to_owned(), port))
}

/// This machine: `localhost` or a loopback address.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> RelayUrl {
        RelayUrl::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    #[test]
    fn each_shape_gives_its_security_and_default_port() {
        let r = parse("smtps://mail.example.org");
        assert_eq!(
            (r.host.as_str(), r.port, r.security),
            ("mail.example.org", 465, RelaySecurity::ImplicitTls)
        );
        let r = parse("smtp://mail.example.org?tls=starttls");
        assert_eq!((r.port, r.security), (587, RelaySecurity::StartTls));
        let r = parse("smtp://mail.example.org:2525/?tls=starttls");
        assert_eq!((r.port, r.security), (2525, RelaySecurity::StartTls));
        let r = parse("smtp://10.0.0.5?tls=none");
        assert_eq!((r.port, r.security), (25, RelaySecurity::Plain));
        for local in [
            "smtp://localhost",
            "smtp://127.0.0.1:2525",
            "smtp://[::1]:25",
        ] {
            assert_eq!(parse(local).security, RelaySecurity::Plain, "{local}");
        }
        assert_eq!(parse("smtp://[::1]:2525").host, "::1");
    }

    #[test]
    fn plain_text_to_another_machine_must_be_asked_for() {
        let e = RelayUrl::parse("smtp://mail.example.org:25").unwrap_err();
        assert!(e.contains("unencrypted"), "{e}");
        assert!(e.contains("smtps://mail.example.org:465"), "{e}");
        assert!(e.contains("?tls=none"), "{e}");
        // A loopback-looking name is not loopback.
        assert!(RelayUrl::parse("smtp://127.0.0.1.example.org").is_err());
    }

    #[test]
    fn credentials_are_decoded_and_never_shown() {
        let r = parse("smtps://news%40example.org:p%3Ass@mail.example.org");
        assert_eq!(
            r.credentials,
            Some(("news@example.org".to_owned(), "p:ss".to_owned()))
        );
        assert!(!format!("{r:?}").contains("p:ss"));
        let e = RelayUrl::parse("smtp://user:secret@mail.example.org").unwrap_err();
        assert!(!e.contains("secret"), "{e}");
    }

    #[test]
    fn malformed_urls_are_refused_with_the_usage() {
        for bad in [
            "mail.example.org",
            "http://mail.example.org",
            "smtp://mail.example.org:0",
            "smtp://mail.example.org:port",
            "smtp://:25",
            "smtp://host/path",
            "smtp://localhost?tls=required",
            "smtps://mail.example.org?tls=starttls",
        ] {
            assert!(RelayUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
