//! The rich editor's words (`static/editor.js`, built from `editor/src`) in the page's
//! language: the messages `editor-js-…` of `locales/*/editor.ftl`, handed to the script in the
//! editor page's `editor-words` data block (never run), keyed without the prefix. The script
//! keeps its own English for any key the block lacks.

use crate::domain::l10n::Tr;

/// Every word the editor's script asks for, with the variables it fills in itself (each
/// passed through as `{name}`, which the script replaces).
const WORDS: &[(&str, &[&str])] = &[
    ("toolbar", &[]),
    ("bold", &[]),
    ("bold-short", &[]),
    ("italic", &[]),
    ("italic-short", &[]),
    ("strikethrough", &[]),
    ("strikethrough-short", &[]),
    ("link", &[]),
    ("link-address", &[]),
    ("heading", &[]),
    ("subheading", &[]),
    ("paragraph", &[]),
    ("bulleted-list", &[]),
    ("numbered-list", &[]),
    ("quote", &[]),
    ("lift-out", &[]),
    ("image", &[]),
    ("gallery", &[]),
    ("embed", &[]),
    ("pull-quote", &[]),
    ("fact-box", &[]),
    ("read-more", &[]),
    ("note", &[]),
    ("undo", &[]),
    ("redo", &[]),
    ("edit-as-markdown", &[]),
    ("body", &[]),
    ("insert", &[]),
    ("save", &[]),
    ("cancel", &[]),
    ("edit", &[]),
    ("remove", &[]),
    ("edit-named", &["name"]),
    ("remove-named", &["name"]),
    ("this-field", &[]),
    ("field-problem", &["name", "problem"]),
    ("unreachable", &[]),
    ("library-failed", &["status"]),
    ("upload-failed", &["status"]),
    ("picker-images", &[]),
    ("picker-one", &[]),
    ("picker-empty", &[]),
    ("layout", &[]),
    ("layout-column", &[]),
    ("layout-wide", &[]),
    ("layout-full", &[]),
    ("insert-image", &[]),
    ("edit-image", &[]),
    ("upload-new", &[]),
    ("upload-hint", &[]),
    ("alt-text", &[]),
    ("alt-hint", &[]),
    ("caption", &[]),
    ("credit", &[]),
    ("image-missing", &[]),
    ("alt-missing", &[]),
    ("insert-gallery", &[]),
    ("edit-gallery", &[]),
    ("gallery-too-few", &[]),
    ("embed-link", &[]),
    ("edit-embed", &[]),
    ("embed-hint", &[]),
    ("title-optional", &[]),
    ("title", &[]),
    ("article-slug", &[]),
    ("slug-hint", &[]),
    ("cite-optional", &[]),
    ("kind", &[]),
    ("kind-editor", &[]),
    ("kind-correction", &[]),
    ("kind-update", &[]),
    ("describe-image", &["alt"]),
    ("no-alt", &[]),
    ("describe-caption", &["caption"]),
    ("describe-library-image", &["id"]),
    ("describe-embed", &["link"]),
    ("describe-readmore", &["address"]),
    ("describe-factbox", &["title"]),
];

/// The data block's JSON, escaped for a `<script>` element.
pub fn script_words(tr: Tr) -> String {
    let words: serde_json::Map<String, serde_json::Value> = WORDS
        .iter()
        .map(|(key, vars)| {
            let id = format!("editor-js-{key}");
            let hole = |v: &str| format!("{{{v}}}");
            let text = match vars {
                [] => tr.t(&id),
                [a] => tr.t1(&id, a, hole(a)),
                [a, b] => tr.t2(&id, a, hole(a), b, hole(b)),
                _ => unreachable!("no editor word takes more than two variables"),
            };
            ((*key).to_owned(), serde_json::Value::String(text))
        })
        .collect();
    serde_json::Value::Object(words)
        .to_string()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::Locale;

    /// The keys the scripts ask for: every `w('key', …)` in the editor's source.
    fn keys_in_scripts() -> Vec<String> {
        let sources = [
            include_str!("../../../editor/src/main.js"),
            include_str!("../../../editor/src/blocks.js"),
            include_str!("../../../editor/src/dialogs.js"),
            include_str!("../../../editor/src/words.js"),
        ];
        let mut keys: Vec<String> = sources
            .iter()
            .flat_map(|s| s.split("w('").skip(1))
            .filter_map(|rest| rest.split_once('\'').map(|(k, _)| k.to_owned()))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn the_block_carries_every_word_the_editor_asks_for_in_every_language() {
        let keys = keys_in_scripts();
        assert!(
            keys.len() > 70,
            "found only {keys:?} in the editor's source"
        );
        for locale in Locale::ALL {
            let block = script_words(Tr::new(locale));
            assert!(!block.contains('<'), "{block}");
            let words: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&block).expect("the block is JSON");
            for key in &keys {
                let text = words.get(key).and_then(|v| v.as_str());
                let text = text.unwrap_or_else(|| panic!("{locale:?}: no word for `{key}`"));
                // A message naming a variable the list does not pass shows Fluent's `{$x}`.
                assert!(
                    !text.trim().is_empty() && !text.contains("{$"),
                    "{locale:?}: `{key}` is {text:?}"
                );
            }
            assert_eq!(words.len(), keys.len(), "words the editor never asks for");
        }
        let german: serde_json::Value =
            serde_json::from_str(&script_words(Tr::new(Locale::De))).unwrap();
        assert_eq!(german["bold"], "Fett");
        assert_eq!(german["edit-named"], "{name} bearbeiten");
    }
}
