//! Images: the kinds the site takes, how an upload is recognised before it is decoded, the widths
//! made of each image, their content-hashed names, and the `srcset` a page offers.

/// The widths (in pixels) made of every image, narrowest first. An image is made at each one no
/// wider than itself; an image narrower than all of them is kept at its own width.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The largest side and the most pixels an upload may have. Checked from the file's header
/// before anything is decoded, so a small file that declares a huge image (a decompression
/// bomb) costs nothing. 50 megapixels is more than any camera a newsroom uses produces.
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory the decoder may allocate for one image (50 MP of RGBA is 200 MB).
pub const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;

pub const MAX_ALT_CHARS: usize = 300;
pub const MAX_CAPTION_CHARS: usize = 500;

/// The `sizes` attribute of a featured image: the article column (`.story`) is 40rem at most,
/// inside 1rem of page padding on each side.
pub const FEATURED_SIZES: &str = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/// An image format the site accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpeg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }

    pub fn parse(s: &str) -> Option<ImageKind> {
        match s {
            "jpeg" => Some(ImageKind::Jpeg),
            "png" => Some(ImageKind::Png),
            "webp" => Some(ImageKind::Webp),
            _ => None,
        }
    }

    /// The file extension of the stored variants.
    pub fn ext(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }

    fn from_ext(ext: &str) -> Option<ImageKind> {
        match ext {
            "jpg" => Some(ImageKind::Jpeg),
            "png" => Some(ImageKind::Png),
            "webp" => Some(ImageKind::Webp),
            _ => None,
        }
    }

    /// The format's name for people.
    pub fn label(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "JPEG",
            ImageKind::Png => "PNG",
            ImageKind::Webp => "WebP",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
        }
    }
}

/// Why an upload is refused: before decoding (its first bytes, its declared size) or by the
/// decoder and encoder. The web layer words it (`web/newsroom/media_words.rs`); `Display` is
/// the log's short English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    #[error("the file is empty")]
    Empty,
    #[error("a GIF image")]
    Gif,
    #[error("an SVG drawing")]
    Svg,
    #[error("not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// The header declares 0 pixels wide or high.
    #[error("the image declares no pixels")]
    NoPixels,
    /// The header declares more than [`MAX_SIDE`] on a side or [`MAX_PIXELS`] in all.
    #[error("the image is {width} × {height} pixels, too large to process")]
    TooLarge { width: u32, height: u32 },
    /// The decoder's limits were reached (the size is not known).
    #[error("the image is too large to process")]
    TooLargeToDecode,
    /// The file ends before the image does.
    #[error("the {0:?} file was cut short")]
    Truncated(ImageKind),
    /// A feature of the format the decoder does not read.
    #[error("the {0:?} file uses a feature the decoder cannot read")]
    Unsupported(ImageKind),
    /// Damaged, or not the format its first bytes claim.
    #[error("the file could not be read as {0:?}")]
    Damaged(ImageKind),
    /// Read, but re-encoding failed.
    #[error("the image could not be encoded again")]
    NotEncoded,
    /// Processing stopped unexpectedly (a panic on its thread).
    #[error("the image could not be processed")]
    Failed,
    /// The server is shutting down.
    #[error("the server is shutting down")]
    ShuttingDown,
}

/// Recognises the format from the file's first bytes (its name and declared type are not
/// trusted: a text file renamed `.jpg` is still text).
pub fn sniff(bytes: &[u8]) -> Result<ImageKind, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(ImageKind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(ImageKind::Png);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(ImageKind::Webp);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Err(ImageProblem::Gif);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("<svg") {
        return Err(ImageProblem::Svg);
    }
    Err(ImageProblem::NotAnImage)
}

/// Whether a JPEG's last scan is finished by its end-of-image marker. A file cut short while
/// copying loses the marker; decoders would otherwise fill the missing part with grey. Inside
/// compressed data a 0xFF byte is always followed by 0x00 or a restart marker, so the last
/// start-of-scan (0xFFDA) in the file is the main image's and an 0xFFD9 after it is the real end.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some(sos) = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]) else {
        return false;
    };
    bytes[sos..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Checks the dimensions an image's header declares, before it is decoded.
pub fn check_dimensions(width: u32, height: u32) -> Result<(), ImageProblem> {
    if width == 0 || height == 0 {
        return Err(ImageProblem::NoPixels);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooLarge { width, height });
    }
    Ok(())
}

/// The widths made of an image `original` pixels wide: each standard width that fits, or the
/// image's own width when it is narrower than all of them. Never wider than the original.
pub fn widths_for(original: u32) -> Vec<u32> {
    let fitting: Vec<u32> = WIDTHS.into_iter().filter(|w| *w <= original).collect();
    if fitting.is_empty() {
        vec![original]
    } else {
        fitting
    }
}

/// The height of the `width`-pixel variant of a `w` × `h` image (aspect ratio kept, at least 1).
pub fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    let scaled = (u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w);
    scaled.max(1) as u32
}

/// The first 32 hex digits of the SHA-256 of the uploaded bytes: the image's name.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(bytes)[..16])
}

/// One stored file: `{hash}-{width}.{ext}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantName {
    pub hash: String,
    pub width: u32,
    pub kind: ImageKind,
}

impl VariantName {
    /// Parses a stored file's name; anything else (another shape, `..`, upper case) is `None`,
    /// so a name from a URL can be used as a storage key as it is.
    pub fn parse(name: &str) -> Option<VariantName> {
        let (stem, ext) = name.rsplit_once('.')?;
        let kind = ImageKind::from_ext(ext)?;
        let (hash, width) = stem.split_once('-')?;
        let hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if hash.len() != 32 || !hex(hash) {
            return None;
        }
        if width.is_empty() || width.len() > 5 || !width.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let width: u32 = width.parse().ok()?;
        if width == 0 || width.to_string().len() != stem.len() - 33 {
            return None;
        }
        Some(VariantName {
            hash: hash.to_owned(),
            width,
            kind,
        })
    }

    /// The file's name, which is also its storage key.
    pub fn key(&self) -> String {
        format!("{}-{}.{}", self.hash, self.width, self.kind.ext())
    }

    /// Its address on the site.
    pub fn url(&self) -> String {
        format!("/media/{}", self.key())
    }
}

/// The stored image a site path names (`/media/{hash}-{width}.{ext}`), if it names one. Query
/// strings and fragments are ignored; other addresses (remote URLs) are `None`.
pub fn parse_media_src(src: &str) -> Option<VariantName> {
    let path = src.split(['?', '#']).next()?;
    VariantName::parse(path.strip_prefix("/media/")?)
}

/// What a page needs to ask for a stored image at the right size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Responsive {
    /// The largest variant: browsers without `srcset` support get it.
    pub src: String,
    /// `url 480w, url 960w, …`
    pub srcset: String,
    pub width: u32,
    pub height: u32,
}

/// The `src`, `srcset` and intrinsic size (of the largest variant) of an image with these
/// original dimensions and stored widths.
pub fn responsive(
    hash: &str,
    kind: ImageKind,
    width: u32,
    height: u32,
    widths: &[u32],
) -> Option<Responsive> {
    let largest = *widths.iter().max()?;
    let url = |w: u32| {
        VariantName {
            hash: hash.to_owned(),
            width: w,
            kind,
        }
        .url()
    };
    let mut sorted = widths.to_vec();
    sorted.sort_unstable();
    Some(Responsive {
        src: url(largest),
        srcset: sorted
            .iter()
            .map(|w| format!("{} {w}w", url(*w)))
            .collect::<Vec<_>>()
            .join(", "),
        width: largest,
        height: scaled_height(width, height, largest),
    })
}

/// Checks the describing fields of an upload: alt text is required, both have length limits.
pub fn check_text(alt: &str, caption: &str) -> Result<(String, Option<String>), TextProblem> {
    let alt = alt.trim();
    let caption = caption.trim();
    if alt.is_empty() {
        return Err(TextProblem::NoAlt);
    }
    if alt.chars().count() > MAX_ALT_CHARS {
        return Err(TextProblem::AltTooLong(MAX_ALT_CHARS));
    }
    if caption.chars().count() > MAX_CAPTION_CHARS {
        return Err(TextProblem::CaptionTooLong(MAX_CAPTION_CHARS));
    }
    if alt.chars().chain(caption.chars()).any(|c| c.is_control()) {
        return Err(TextProblem::NotPlain);
    }
    Ok((
        alt.to_owned(),
        (!caption.is_empty()).then(|| caption.to_owned()),
    ))
}

/// Why an image's alt text or caption was refused (the web layer words it,
/// `newsroom-media-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    NoAlt,
    /// Longer than this many characters.
    AltTooLong(usize),
    CaptionTooLong(usize),
    /// A line break or another control character.
    NotPlain,
}

/// The widths a stored row lists ("480 960 1600").
pub fn parse_widths(s: &str) -> Vec<u32> {
    s.split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

/// A byte count as people read it: whole kilobytes under a megabyte, else megabytes to a tenth
/// (the web layer words it: "820 KB", "15 MB", "1.5 MB" in English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteSize {
    Kb(u64),
    /// Tenths of a megabyte: 15 is 1.5 MB.
    MbTenths(u64),
}

pub fn byte_size(n: u64) -> ByteSize {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        ByteSize::MbTenths((n * 10 + MB / 2) / MB)
    } else {
        ByteSize::Kb(n.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_content_not_name() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Ok(ImageKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(ImageKind::Png));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8L"), Ok(ImageKind::Webp));
        assert_eq!(
            sniff(b"RIFF\x10\0\0\0WAVEfmt "),
            Err(ImageProblem::NotAnImage)
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Err(ImageProblem::Gif));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Err(ImageProblem::Svg)
        );
        assert_eq!(sniff(b"just some text"), Err(ImageProblem::NotAnImage));
        assert_eq!(sniff(b""), Err(ImageProblem::Empty));
    }

    #[test]
    fn a_jpeg_without_its_end_marker_is_incomplete() {
        let whole = [0xFF, 0xD8, 0xFF, 0xDA, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9];
        assert!(jpeg_is_complete(&whole));
        assert!(!jpeg_is_complete(&whole[..8]));
        // An end marker before the last scan (an EXIF thumbnail's) does not count.
        let thumb_end = [0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xDA, 0x12, 0x34];
        assert!(!jpeg_is_complete(&thumb_end));
        assert!(!jpeg_is_complete(&[0xFF, 0xD8, 0xFF, 0xD9]));
    }

    #[test]
    fn huge_declared_dimensions_are_refused() {
        assert!(check_dimensions(4000, 3000).is_ok());
        assert!(check_dimensions(MAX_SIDE, 10).is_ok());
        assert_eq!(
            check_dimensions(100_000, 100_000),
            Err(ImageProblem::TooLarge {
                width: 100_000,
                height: 100_000
            })
        );
        assert!(check_dimensions(MAX_SIDE + 1, 10).is_err());
        assert!(check_dimensions(10_000, 10_000).is_err(), "100 MP");
        assert_eq!(check_dimensions(0, 10), Err(ImageProblem::NoPixels));
    }

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600]);
        assert_eq!(widths_for(1600), vec![480, 960, 1600]);
        assert_eq!(widths_for(1599), vec![480, 960]);
        assert_eq!(widths_for(480), vec![480]);
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(3, 1, 1), 1);
        assert_eq!(scaled_height(1000, 1, 480), 1, "never zero");
    }

    #[test]
    fn variant_names_round_trip_and_nothing_else_parses() {
        let hash = "0123456789abcdef0123456789abcdef";
        let v = VariantName::parse(&format!("{hash}-960.jpg")).unwrap();
        assert_eq!(v.width, 960);
        assert_eq!(v.kind, ImageKind::Jpeg);
        assert_eq!(v.url(), format!("/media/{hash}-960.jpg"));
        for bad in [
            format!("{hash}-960.jpeg"),
            format!("{hash}-0960.jpg"),
            format!("{hash}-0.jpg"),
            format!("{hash}-.png"),
            format!("{hash}960.png"),
            format!("{}-960.png", hash.to_uppercase()),
            format!("../{hash}-960.png"),
            format!("{hash}-960.png/x"),
            "x-960.png".to_owned(),
        ] {
            assert_eq!(VariantName::parse(&bad), None, "{bad}");
        }
        assert_eq!(
            parse_media_src(&format!("/media/{hash}-480.webp?v=2")).map(|v| v.width),
            Some(480)
        );
        assert_eq!(
            parse_media_src(&format!("https://cdn.example/media/{hash}-480.webp")),
            None
        );
    }

    #[test]
    fn srcset_lists_every_width_and_the_size_is_the_largest() {
        let hash = "0123456789abcdef0123456789abcdef";
        let r = responsive(hash, ImageKind::Png, 2000, 1000, &[960, 480, 1600]).unwrap();
        assert_eq!(r.src, format!("/media/{hash}-1600.png"));
        assert_eq!(
            r.srcset,
            format!(
                "/media/{hash}-480.png 480w, /media/{hash}-960.png 960w, /media/{hash}-1600.png 1600w"
            )
        );
        assert_eq!((r.width, r.height), (1600, 800));
        assert_eq!(responsive(hash, ImageKind::Png, 10, 10, &[]), None);
    }

    #[test]
    fn alt_text_is_required_and_limited() {
        assert_eq!(check_text("  ", ""), Err(TextProblem::NoAlt));
        assert_eq!(
            check_text(" Cranes at dawn ", " "),
            Ok(("Cranes at dawn".to_owned(), None))
        );
        assert!(check_text(&"a".repeat(MAX_ALT_CHARS + 1), "").is_err());
        assert!(check_text("ok", &"c".repeat(MAX_CAPTION_CHARS + 1)).is_err());
        assert_eq!(check_text("line\nbreak", ""), Err(TextProblem::NotPlain));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(byte_size(15 * 1024 * 1024), ByteSize::MbTenths(150));
        assert_eq!(byte_size(1536 * 1024), ByteSize::MbTenths(15));
        assert_eq!(byte_size(1000), ByteSize::Kb(1));
    }
}
