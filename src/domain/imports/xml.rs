//! Reading an export's XML: parsing it safely, finding elements, and reporting a problem
//! with its line and column.

use super::{ImportError, MAX_FILE_BYTES};

/// Checks the size and encoding, then parses the XML (no DTDs: an export never needs one, and
/// entity expansion is a way to blow up memory).
pub(super) fn parse_document(bytes: &[u8]) -> Result<(&str, roxmltree::Document<'_>), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        // The parser places these at 1:1; the place to look is where the file stops.
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            let line = text.matches('\n').count() as u32 + 1;
            let last = text.rsplit('\n').next().unwrap_or("");
            ImportError::Xml {
                line,
                column: last.chars().count() as u32 + 1,
                message: "the file ends before its elements are closed (was it cut off?)"
                    .to_owned(),
            }
        }
        e => {
            let pos = e.pos();
            ImportError::Xml {
                line: pos.row,
                column: pos.col,
                message: e.to_string(),
            }
        }
    })?;
    Ok((text, doc))
}

pub(super) fn invalid(node: roxmltree::Node<'_, '_>, message: impl Into<String>) -> ImportError {
    let pos = node.document().text_pos_at(node.range().start);
    ImportError::Invalid {
        line: pos.row,
        column: pos.col,
        message: message.into(),
    }
}

pub(super) fn is_ns(node: &roxmltree::Node<'_, '_>, ns_prefix: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|n| n.starts_with(ns_prefix))
}

/// A direct child element by namespace (a prefix of its URI, as WXR versions differ) and name.
pub(super) fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns_prefix: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| is_ns(c, ns_prefix, name))
}

/// A direct child without a namespace (RSS's own elements) or in the default one (Disqus's).
pub(super) fn plain_child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element()
            && c.tag_name().name() == name
            && c.tag_name()
                .namespace()
                .is_none_or(|n| n == "http://disqus.com")
    })
}

/// An element's whole text (text and CDATA pieces), trimmed.
pub(super) fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    for c in node.children() {
        if let Some(t) = c.text().filter(|_| c.is_text()) {
            out.push_str(t);
        }
    }
    out.trim().to_owned()
}

pub(super) fn required(
    parent: roxmltree::Node<'_, '_>,
    found: Option<roxmltree::Node<'_, '_>>,
    what: &str,
) -> Result<String, ImportError> {
    match found {
        Some(n) => Ok(text_of(n)),
        None => Err(invalid(
            parent,
            format!("<{}> has no <{what}> element", {
                let t = parent.tag_name();
                match parent.lookup_prefix(t.namespace().unwrap_or("")) {
                    Some(p) if !p.is_empty() => format!("{p}:{}", t.name()),
                    _ => t.name().to_owned(),
                }
            }),
        )),
    }
}

pub(super) fn limited(
    node: roxmltree::Node<'_, '_>,
    value: String,
    max: usize,
    what: &str,
) -> Result<String, ImportError> {
    if value.chars().count() > max {
        return Err(invalid(
            node,
            format!("{what} is longer than {max} characters"),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::super::parse_disqus;
    use super::*;

    #[test]
    fn truncated_xml_is_reported_with_its_position() {
        let err = parse_disqus(
            b"<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n  <thread dsq:id=\"1\">\n    <link>x",
        ).unwrap_err();
        assert!(matches!(err, ImportError::Xml { line: 3, .. }), "{err:?}");
    }
}
