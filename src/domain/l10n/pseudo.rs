//! The pseudo-locale's transform: every ASCII letter of a message's own text accented (what a
//! variable brings in is left alone), so that untranslated text stands out on the page.

use std::borrow::Cow;

/// `Join the conversation` → `Ĵóîñ ţĥé çóñṽéŕšáţîóñ`; the `<a>` markers of link messages are
/// kept as they are.
pub fn accent(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(if in_tag { c } else { accented(c) });
    }
    Cow::Owned(out)
}

fn accented(c: char) -> char {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const ACCENTED: &str = "áƀçđéƒĝĥîĵķļɱñóþǫŕšţûṽŵẋýžÁƁÇĐÉƑĜĤÎĴĶĻṀÑÓÞǪŔŠŢÛṼŴẊÝŽ";
    match PLAIN.find(c) {
        Some(i) => ACCENTED.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_accented_and_markers_kept() {
        assert_eq!(accent("Join the conversation"), "Ĵóîñ ţĥé çóñṽéŕšáţîóñ");
        assert_eq!(accent("<a>Sign in</a>."), "<a>Šîĝñ îñ</a>.");
        assert!(
            !accent("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .chars()
                .any(|c| c.is_ascii_alphabetic())
        );
    }
}
