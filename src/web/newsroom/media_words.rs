//! The media library's words for what is not in its templates: why an upload was refused and
//! how large a file may be, in the viewer's language (`nlm-…` in `media-newsletters.ftl`).

use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::domain::media::{ByteSize, ImageProblem, MAX_PIXELS, MAX_SIDE, byte_size};

/// A byte count: "15 MB", "1.5 MB", "820 KB" in English ("1,5 Mo" in French).
pub fn size(tr: Tr, dates: &Dates, bytes: u64) -> String {
    match byte_size(bytes) {
        ByteSize::Kb(kb) => tr.t1(
            "nlm-size-kb",
            "size",
            dates.number(i64::try_from(kb).unwrap_or(i64::MAX)),
        ),
        ByteSize::MbTenths(tenths) => tr.t1("nlm-size-mb", "size", dates.tenths(tenths)),
    }
}

/// An image's size in pixels: "4000 × 3000" ("4.000 × 3.000" in German).
pub fn dimensions(dates: &Dates, width: u32, height: u32) -> String {
    format!(
        "{} × {}",
        dates.number(i64::from(width)),
        dates.number(i64::from(height))
    )
}

/// The file is over the site's upload limit (`max` bytes).
pub fn too_large(tr: Tr, dates: &Dates, max: usize) -> String {
    tr.t1("nlm-upload-too-large", "size", size(tr, dates, max as u64))
}

/// Why an image was refused.
pub fn image_problem(tr: Tr, dates: &Dates, p: ImageProblem) -> String {
    let limits = || {
        tr.t2(
            "nlm-image-limits",
            "side",
            dates.number(i64::from(MAX_SIDE)),
            "megapixels",
            dates.number(i64::try_from(MAX_PIXELS / 1_000_000).unwrap_or(i64::MAX)),
        )
    };
    match p {
        ImageProblem::Empty => tr.t("nlm-image-empty"),
        ImageProblem::Gif => tr.t("nlm-image-gif"),
        ImageProblem::Svg => tr.t("nlm-image-svg"),
        ImageProblem::NotAnImage => tr.t("nlm-image-not-an-image"),
        ImageProblem::NoPixels => tr.t("nlm-image-no-pixels"),
        ImageProblem::TooLarge { width, height } => tr.t2(
            "nlm-image-too-large",
            "dimensions",
            dimensions(dates, width, height),
            "limits",
            limits(),
        ),
        ImageProblem::TooLargeToDecode => {
            tr.t1("nlm-image-too-large-to-decode", "limits", limits())
        }
        ImageProblem::Truncated(kind) => tr.t1("nlm-image-truncated", "kind", kind.label()),
        ImageProblem::Unsupported(kind) => tr.t1("nlm-image-unsupported", "kind", kind.label()),
        ImageProblem::Damaged(kind) => tr.t1("nlm-image-damaged", "kind", kind.label()),
        ImageProblem::NotEncoded => tr.t("nlm-image-not-encoded"),
        ImageProblem::Failed => tr.t("nlm-image-failed"),
        ImageProblem::ShuttingDown => tr.t("nlm-image-shutting-down"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::{LanguageTag, Locale, Zone};
    use crate::domain::media::ImageKind;

    fn dates(lang: &str) -> Dates {
        Dates::new(
            LanguageTag::parse(lang).unwrap(),
            Zone::parse("UTC").unwrap(),
        )
    }

    #[test]
    fn english_reads_as_before() {
        let (tr, d) = (Tr::new(Locale::En), dates("en"));
        assert_eq!(size(tr, &d, 15 * 1024 * 1024), "15 MB");
        assert_eq!(size(tr, &d, 1536 * 1024), "1.5 MB");
        assert_eq!(size(tr, &d, 1000), "1 KB");
        let p = ImageProblem::TooLarge {
            width: 100_000,
            height: 100_000,
        };
        assert_eq!(
            image_problem(tr, &d, p),
            "The image is 100000 × 100000 pixels, too large to process: the site takes at most \
             12000 pixels on a side and 50 megapixels. Resize it and upload it again."
        );
        assert_eq!(
            image_problem(tr, &d, ImageProblem::Damaged(ImageKind::Png)),
            "The file could not be read as a PNG: it is damaged, or not really a PNG despite its \
             first bytes. Export it again and upload the new file."
        );
    }

    #[test]
    fn other_languages_write_their_own_numbers_and_units() {
        let (tr, d) = (Tr::new(Locale::Fr), dates("fr"));
        assert_eq!(size(tr, &d, 1536 * 1024), "1,5 Mo");
        let (tr, d) = (Tr::new(Locale::De), dates("de"));
        assert_eq!(dimensions(&d, 4000, 3000), "4.000 × 3.000");
        assert!(size(tr, &d, 1536 * 1024).starts_with("1,5"));
    }
}
