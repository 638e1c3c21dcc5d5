//! Rules about network addresses: which address of a proxied request is the client's, and which
//! addresses a webhook must not reach.
//!
//! **The client's address.** A proxy appends the address it received a request from to
//! `X-Forwarded-For` (or adds an element to RFC 7239 `Forwarded`), after whatever the client
//! wrote there itself. Only the entries appended by proxies we trust can be believed, so the
//! list is read from the right: the socket's peer first, then each entry while the address
//! before it is a trusted proxy. The first address that is not a trusted proxy is the client;
//! everything left of it was written by the client and is ignored. An entry a trusted proxy
//! wrote but that names no address (`unknown`, an obfuscated `_identifier`, garbage) ends the
//! walk at that proxy: it is the nearest hop we know, and the entries further left cannot be
//! told apart from the client's own writing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ipnet::IpNet;

/// The networks of the proxies that are believed when they say whom they forwarded for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses networks in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`) or single addresses
    /// (`127.0.0.1`, taken as `/32` or `/128`); blank items are skipped.
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in items.into_iter().map(str::trim).filter(|s| !s.is_empty()) {
            let net = match item.parse::<IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match item.parse::<IpAddr>() {
                    Ok(ip) => IpNet::from(ip),
                    Err(_) => {
                        return Err(format!(
                            "`{item}` is not a network: write it as 10.0.0.0/8, 2001:db8::/32 or a single address"
                        ));
                    }
                },
            };
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn networks(&self) -> &[IpNet] {
        &self.0
    }
}

/// One entry of a forwarding header, read right to left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hop {
    Address(IpAddr),
    /// `unknown`, an obfuscated identifier, or something that is not an address.
    Unnamed,
}

/// The client's address: the rightmost address of the chain `hops` + `peer` that is not a
/// trusted proxy (see the module's documentation). With every hop trusted, the leftmost one.
pub fn client_address(peer: IpAddr, hops: &[Hop], trusted: &TrustedProxies) -> IpAddr {
    let mut nearest = peer.to_canonical();
    if !trusted.contains(nearest) {
        return nearest;
    }
    for hop in hops.iter().rev() {
        match *hop {
            Hop::Address(ip) => {
                nearest = ip.to_canonical();
                if !trusted.contains(nearest) {
                    return nearest;
                }
            }
            Hop::Unnamed => return nearest,
        }
    }
    nearest
}

/// The entries of `X-Forwarded-For`, from every header line in order (a line that is not text
/// is one unnamed entry). Empty entries are skipped, as RFC 9110 says of lists.
pub fn x_forwarded_for<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> Vec<Hop> {
    let mut hops = Vec::new();
    for line in lines {
        let Ok(line) = std::str::from_utf8(line) else {
            hops.push(Hop::Unnamed);
            continue;
        };
        hops.extend(
            line.split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(|e| node(e).map_or(Hop::Unnamed, Hop::Address)),
        );
    }
    hops
}

/// The `for=` nodes of RFC 7239 `Forwarded`, from every header line in order: one hop per
/// element. An element without exactly one `for`, or one that cannot be read, is unnamed.
pub fn forwarded<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> Vec<Hop> {
    let mut hops = Vec::new();
    for line in lines {
        let Ok(line) = std::str::from_utf8(line) else {
            hops.push(Hop::Unnamed);
            continue;
        };
        hops.extend(
            split_unquoted(line, ',')
                .into_iter()
                .filter(|e| !e.trim().is_empty())
                .map(forwarded_element),
        );
    }
    hops
}

/// The `for` node of one `Forwarded` element (`for=192.0.2.60;proto=http;by=203.0.113.43`).
fn forwarded_element(element: &str) -> Hop {
    let mut found = None;
    for pair in split_unquoted(element, ';') {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((name, value)) = pair.split_once('=') else {
            return Hop::Unnamed;
        };
        if !name.trim().eq_ignore_ascii_case("for") {
            continue;
        }
        if found.is_some() {
            return Hop::Unnamed; // a parameter may occur once per element
        }
        found = Some(unquote(value.trim()));
    }
    match found {
        Some(Some(value)) => node(&value).map_or(Hop::Unnamed, Hop::Address),
        _ => Hop::Unnamed,
    }
}

/// An address with an optional port: `192.0.2.1`, `192.0.2.1:8080`, `[2001:db8::1]`,
/// `[2001:db8::1]:443`, `2001:db8::1`. A port may be obfuscated (`:_p1`); it is not used.
fn node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.starts_with(':')) {
            return None;
        }
        return ip.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    let (ip, _port) = text.split_once(':')?;
    ip.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

/// `text` split at each `separator` outside a quoted string.
fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A token, or a quoted string with its escapes undone; `None` for an unterminated quote.
fn unquote(value: &str) -> Option<String> {
    let Some(inner) = value.strip_prefix('"') else {
        return Some(value.to_owned());
    };
    let inner = inner.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Why a webhook may not be sent to `ip`: it is inside a network (the machine itself, the
/// local network, a provider's metadata service) rather than on the public internet. `None`
/// for a public address; otherwise the kind of address, to be read as "a KIND address".
pub fn internal_address(ip: IpAddr) -> Option<&'static str> {
    match ip.to_canonical() {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => internal_v6(v6),
    }
}

fn internal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match () {
        _ if ip.is_unspecified() || a == 0 => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_private() => "private",
        _ if ip.is_link_local() => "link-local",
        // 100.64.0.0/10: carrier-grade NAT, inside a provider's network.
        _ if a == 100 && (b & 0xc0) == 64 => "shared (carrier-grade NAT)",
        _ if ip.is_broadcast() => "broadcast",
        _ if ip.is_multicast() => "multicast",
        // 192.0.0.0/24 (protocol assignments), 198.18.0.0/15 (benchmarking), 240.0.0.0/4.
        _ if (a, b, c) == (192, 0, 0) || (a == 198 && (b & 0xfe) == 18) || a >= 240 => "reserved",
        _ if ip.is_documentation() => "documentation",
        _ => return None,
    })
}

fn internal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let segments = ip.segments();
    // 64:ff9b::/96, NAT64: the IPv4 address it stands for is what is reached.
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., hi, lo] = segments;
        return internal_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    Some(match () {
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_unicast_link_local() => "link-local",
        // fc00::/7 unique local, and the deprecated site-local fec0::/10.
        _ if ip.is_unique_local() || (segments[0] & 0xffc0) == 0xfec0 => "private",
        _ if ip.is_multicast() => "multicast",
        // ::/96, the deprecated IPv4-compatible addresses (:: and ::1 are named above).
        _ if segments[..6] == [0; 6] => "reserved",
        _ if segments[0] == 0x2001 && segments[1] == 0x0db8 => "documentation",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn trusted(list: &str) -> TrustedProxies {
        TrustedProxies::parse(list.split(',')).unwrap()
    }

    /// (what the case is, trusted networks, peer, X-Forwarded-For lines, the client's address)
    #[rustfmt::skip]
    const XFF_CASES: &[(&str, &str, &str, &[&str], &str)] = &[
        ("no proxy trusted: the peer, whatever the header says",
            "", "203.0.113.9", &["198.51.100.1"], "203.0.113.9"),
        ("an untrusted peer's header is ignored",
            "10.0.0.0/8", "203.0.113.9", &["198.51.100.1"], "203.0.113.9"),
        ("one trusted proxy: the entry it appended",
            "127.0.0.1/32", "127.0.0.1", &["198.51.100.1"], "198.51.100.1"),
        ("a spoofed leftmost entry is passed over",
            "127.0.0.1/32", "127.0.0.1", &["1.2.3.4, 198.51.100.1"], "198.51.100.1"),
        ("several spoofed entries and several trusted hops",
            "10.0.0.0/8,127.0.0.1", "127.0.0.1", &["1.1.1.1, 2.2.2.2, 198.51.100.1, 10.1.2.3, 10.0.0.7"], "198.51.100.1"),
        ("a trusted proxy listed by the client is believed only at its place",
            "10.0.0.0/8,127.0.0.1", "127.0.0.1", &["10.9.9.9, 198.51.100.1"], "198.51.100.1"),
        ("several header lines are one list, in order",
            "127.0.0.1/32,10.0.0.0/8", "127.0.0.1", &["1.2.3.4", "198.51.100.1, 10.0.0.1"], "198.51.100.1"),
        ("every hop trusted: the leftmost",
            "10.0.0.0/8,127.0.0.1", "127.0.0.1", &["10.0.0.5, 10.0.0.6"], "10.0.0.5"),
        ("no header from a trusted proxy: the proxy",
            "127.0.0.1/32", "127.0.0.1", &[], "127.0.0.1"),
        ("ports and brackets are read",
            "127.0.0.1/32", "127.0.0.1", &["1.2.3.4, 198.51.100.1:5120"], "198.51.100.1"),
        ("an IPv6 client",
            "127.0.0.1/32", "127.0.0.1", &["[2001:db8:cafe::17]:4711"], "2001:db8:cafe::17"),
        ("a bare IPv6 client",
            "127.0.0.1/32", "127.0.0.1", &["2001:db8:cafe::17"], "2001:db8:cafe::17"),
        ("an IPv4-mapped peer is its IPv4 address",
            "127.0.0.1/32", "::ffff:127.0.0.1", &["198.51.100.1"], "198.51.100.1"),
        ("an IPv4-mapped entry is its IPv4 address",
            "127.0.0.1/32", "127.0.0.1", &["::ffff:198.51.100.1"], "198.51.100.1"),
        ("empty entries are skipped",
            "127.0.0.1/32", "127.0.0.1", &[" , 198.51.100.1 , "], "198.51.100.1"),
        ("garbage appended by a trusted proxy stops at that proxy",
            "127.0.0.1/32", "127.0.0.1", &["198.51.100.1, not-an-address"], "127.0.0.1"),
        ("garbage left of the client is the client's own writing",
            "127.0.0.1/32", "127.0.0.1", &["<script>, 198.51.100.1"], "198.51.100.1"),
        ("`unknown` from an inner trusted proxy stops at it",
            "10.0.0.0/8,127.0.0.1", "127.0.0.1", &["1.2.3.4, unknown, 10.0.0.2"], "10.0.0.2"),
        ("whatever follows an IPv4 address's colon is a port, and ignored",
            "127.0.0.1/32", "127.0.0.1", &["198.51.100.1:_p1"], "198.51.100.1"),
    ];

    #[test]
    fn the_client_is_the_rightmost_untrusted_x_forwarded_for_address() {
        for (case, list, peer, lines, expected) in XFF_CASES {
            let hops = x_forwarded_for(lines.iter().map(|l| l.as_bytes()));
            assert_eq!(
                client_address(ip(peer), &hops, &trusted(list)),
                ip(expected),
                "{case}"
            );
        }
    }

    /// (what the case is, Forwarded lines, the client's address) with 127.0.0.1 and 10/8
    /// trusted and the peer 127.0.0.1.
    #[rustfmt::skip]
    const FORWARDED_CASES: &[(&str, &[&str], &str)] = &[
        ("one element", &["for=198.51.100.1"], "198.51.100.1"),
        ("names are case-insensitive, other parameters ignored",
            &["proto=https;For=198.51.100.1;by=10.0.0.1"], "198.51.100.1"),
        ("a spoofed leftmost element is passed over",
            &["for=1.2.3.4, for=198.51.100.1"], "198.51.100.1"),
        ("trusted hops are walked past",
            &["for=1.2.3.4, for=198.51.100.1, for=10.0.0.3"], "198.51.100.1"),
        ("quoted IPv6 with a port",
            &["for=\"[2001:db8:cafe::17]:4711\""], "2001:db8:cafe::17"),
        ("quoted IPv6 without a port",
            &["for=\"[2001:db8:cafe::17]\""], "2001:db8:cafe::17"),
        ("quoted IPv4 with a port", &["for=\"198.51.100.1:8080\""], "198.51.100.1"),
        ("an obfuscated port is fine", &["for=\"198.51.100.1:_p1\""], "198.51.100.1"),
        ("a quoted comma does not split elements",
            &["for=198.51.100.1;ext=\"a,b\""], "198.51.100.1"),
        ("several lines are one list",
            &["for=1.2.3.4", "for=198.51.100.1;proto=https"], "198.51.100.1"),
        ("an obfuscated identifier from a trusted proxy stops at it",
            &["for=198.51.100.1, for=_hidden, for=10.0.0.4"], "10.0.0.4"),
        ("`unknown` stops at the proxy that wrote it", &["for=unknown"], "127.0.0.1"),
        ("an element without `for` stops at its proxy", &["proto=https;by=10.0.0.1"], "127.0.0.1"),
        ("`for` twice in one element is malformed", &["for=1.2.3.4;for=198.51.100.1"], "127.0.0.1"),
        ("an unterminated quote is malformed", &["for=\"[2001:db8::1]"], "127.0.0.1"),
        ("a missing bracket is malformed", &["for=\"[2001:db8::1\""], "127.0.0.1"),
        ("an empty value is malformed", &["for="], "127.0.0.1"),
        ("every hop trusted: the leftmost", &["for=10.0.0.8, for=10.0.0.9"], "10.0.0.8"),
    ];

    #[test]
    fn the_client_is_the_rightmost_untrusted_forwarded_node() {
        let list = trusted("127.0.0.1/32,10.0.0.0/8");
        for (case, lines, expected) in FORWARDED_CASES {
            let hops = forwarded(lines.iter().map(|l| l.as_bytes()));
            assert_eq!(
                client_address(ip("127.0.0.1"), &hops, &list),
                ip(expected),
                "{case}"
            );
        }
    }

    #[test]
    fn a_line_that_is_not_text_is_an_unnamed_hop() {
        let lines: [&[u8]; 2] = [b"1.2.3.4", b"\xff\xfe"];
        assert_eq!(
            x_forwarded_for(lines),
            [Hop::Address(ip("1.2.3.4")), Hop::Unnamed]
        );
        assert_eq!(forwarded([&b"for=\xff"[..]]), [Hop::Unnamed]);
    }

    #[test]
    fn trusted_networks_are_parsed_with_a_message_for_mistakes() {
        let t = trusted(" 10.0.0.0/8 , 127.0.0.1, 2001:db8::/32 ,");
        assert_eq!(t.networks().len(), 3);
        assert!(t.contains(ip("10.200.0.1")));
        assert!(t.contains(ip("::ffff:10.0.0.1")));
        assert!(t.contains(ip("2001:db8::9")));
        assert!(!t.contains(ip("127.0.0.2")));
        // Host bits are dropped, as a network means.
        assert!(trusted("10.1.2.3/8").contains(ip("10.9.9.9")));
        let e = TrustedProxies::parse(["10.0.0.0/33"]).unwrap_err();
        assert!(e.contains("`10.0.0.0/33` is not a network"), "{e}");
        assert!(TrustedProxies::parse(["nginx"]).is_err());
        let loopback = trusted("127.0.0.0/8,::1");
        assert!(loopback.contains(ip("127.0.0.9")));
        assert!(loopback.contains(ip("::1")));
        assert!(!loopback.contains(ip("::2")));
    }

    #[test]
    fn internal_addresses_are_named_and_public_ones_pass() {
        #[rustfmt::skip]
        let cases = [
            ("127.0.0.1", Some("loopback")),
            ("127.255.0.1", Some("loopback")),
            ("::1", Some("loopback")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("0.0.0.0", Some("unspecified")),
            ("0.1.2.3", Some("unspecified")),
            ("::", Some("unspecified")),
            ("10.1.2.3", Some("private")),
            ("172.16.0.1", Some("private")),
            ("172.31.255.255", Some("private")),
            ("192.168.1.1", Some("private")),
            ("::ffff:192.168.1.1", Some("private")),
            ("fd00::1", Some("private")),
            ("fec0::1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("fe80::1", Some("link-local")),
            ("febf::1", Some("link-local")),
            ("100.64.0.1", Some("shared (carrier-grade NAT)")),
            ("100.127.255.255", Some("shared (carrier-grade NAT)")),
            ("255.255.255.255", Some("broadcast")),
            ("224.0.0.1", Some("multicast")),
            ("239.255.255.250", Some("multicast")),
            ("ff02::1", Some("multicast")),
            ("240.0.0.1", Some("reserved")),
            ("198.18.0.1", Some("reserved")),
            ("192.0.0.8", Some("reserved")),
            ("::7f00:1", Some("reserved")),
            ("64:ff9b::7f00:1", Some("loopback")),
            ("64:ff9b::a9fe:a9fe", Some("link-local")),
            ("192.0.2.1", Some("documentation")),
            ("2001:db8::1", Some("documentation")),
            ("93.184.215.14", None),
            ("100.63.255.255", None),
            ("100.128.0.1", None),
            ("172.32.0.1", None),
            ("198.20.0.1", None),
            ("2606:4700::1111", None),
            ("64:ff9b::5db8:d70e", None),
            ("::ffff:93.184.215.14", None),
        ];
        for (addr, expected) in cases {
            assert_eq!(internal_address(ip(addr)), expected, "{addr}");
        }
    }
}
