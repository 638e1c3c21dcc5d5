//! One directive line: `::name[label]{key=value key="quoted value"}` (a leaf) or
//! `:::name[label]{…}` (a container's opening line). Anything else is `None`.

/// The most characters a label or an attribute value may have.
const MAX_TEXT: usize = 2_000;

/// A directive's name, label and attributes, as written.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Parsed {
    pub name: String,
    pub label: Option<String>,
    pub attrs: Vec<(String, String)>,
}

impl Parsed {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `Some` when every attribute is one of `keys` (a misspelt key leaves the line as text).
    pub fn only(&self, keys: &[&str]) -> Option<()> {
        self.attrs
            .iter()
            .all(|(k, _)| keys.contains(&k.as_str()))
            .then_some(())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Directive {
    Leaf(Parsed),
    Open(Parsed),
}

/// Parses one line (without its line break).
pub(super) fn parse_directive(line: &str) -> Option<Directive> {
    let (open, rest) = if let Some(r) = line.strip_prefix(":::") {
        (true, r)
    } else {
        (false, line.strip_prefix("::")?)
    };
    let name_len = rest.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    if name_len == 0 {
        return None;
    }
    let name = rest[..name_len].to_owned();
    let mut s = &rest[name_len..];
    let mut label = None;
    if let Some(r) = s.strip_prefix('[') {
        let (text, after) = label_text(r)?;
        label = Some(text);
        s = after;
    }
    let mut attrs = Vec::new();
    if let Some(r) = s.strip_prefix('{') {
        let (list, after) = attributes(r)?;
        attrs = list;
        s = after;
    }
    if !s.trim().is_empty() {
        return None;
    }
    let parsed = Parsed { name, label, attrs };
    Some(if open {
        Directive::Open(parsed)
    } else {
        Directive::Leaf(parsed)
    })
}

/// A label's text up to its closing `]` (`\]` and `\\` escape); the rest of the line.
fn label_text(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ']' => return Some((out, &s[i + 1..])),
            '\\' => match chars.next() {
                Some((_, e @ (']' | '\\' | '['))) => out.push(e),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => return None,
            },
            '[' => return None,
            c => out.push(c),
        }
        if out.len() > MAX_TEXT {
            return None;
        }
    }
    None
}

/// `key=value` and `key="value"` pairs up to the closing `}`; the rest of the line. A key given
/// twice is refused.
fn attributes(mut s: &str) -> Option<(Vec<(String, String)>, &str)> {
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        s = s.trim_start_matches(' ');
        if let Some(r) = s.strip_prefix('}') {
            return Some((attrs, r));
        }
        let key_len = s
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count();
        if key_len == 0 {
            return None;
        }
        let key = &s[..key_len];
        s = s[key_len..].strip_prefix('=')?;
        let value;
        if let Some(r) = s.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = r.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, e @ ('"' | '\\'))) => out.push(e),
                        _ => return None,
                    },
                    c => out.push(c),
                }
            }
            value = out;
            s = &r[end?..];
            // A quoted value is followed by a space or the end of the list.
            if !(s.starts_with(' ') || s.starts_with('}')) {
                return None;
            }
        } else {
            let n = s.find([' ', '}']).unwrap_or(s.len());
            if n == 0 || s[..n].contains(['"', '{', '\\']) {
                return None;
            }
            value = s[..n].to_owned();
            s = &s[n..];
        }
        if value.len() > MAX_TEXT || attrs.iter().any(|(k, _)| k == key) {
            return None;
        }
        attrs.push((key.to_owned(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(line: &str) -> Option<Parsed> {
        match parse_directive(line)? {
            Directive::Leaf(p) => Some(p),
            Directive::Open(_) => None,
        }
    }

    #[test]
    fn names_labels_and_attributes() {
        let p =
            leaf(r#"::image[A \] bracket]{media=42 caption="Said \"hi\" \\ there" layout=wide}"#)
                .unwrap();
        assert_eq!(p.name, "image");
        assert_eq!(p.label.as_deref(), Some("A ] bracket"));
        assert_eq!(p.attr("media"), Some("42"));
        assert_eq!(p.attr("caption"), Some(r#"Said "hi" \ there"#));
        assert_eq!(p.attr("layout"), Some("wide"));
        let open = parse_directive(":::factbox[Key facts]").unwrap();
        assert!(matches!(open, Directive::Open(ref p) if p.label.as_deref() == Some("Key facts")));
        assert_eq!(
            leaf("::readmore{article=a-b}").unwrap().attr("article"),
            Some("a-b")
        );
    }

    #[test]
    fn malformed_lines_are_not_directives() {
        for bad in [
            "::",
            ":: image[x]",
            "::Image[x]",
            "::image[x",
            "::image[x]{media=1",
            "::image[x]{media=1} trailing",
            "::image[x]{media=\"1}",
            "::image[x]{media=1 media=2}",
            "::image[x]{=1}",
            "::image[x]{media}",
            "::image[x]{media=\"a\"b}",
            "::image[x]{media=a\"b}",
            "::image[x]{caption=\"bad \\q escape\"}",
            "::image[a [nested] label]{media=1}",
            "text ::image[x]{media=1}",
        ] {
            assert_eq!(parse_directive(bad), None, "{bad}");
        }
        let long = format!("::image[{}]{{media=1}}", "x".repeat(MAX_TEXT + 1));
        assert_eq!(parse_directive(&long), None);
    }
}
