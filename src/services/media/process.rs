//! From uploaded bytes to the files the site serves: recognise the format, read the declared
//! size, decode under limits, turn the image upright, and re-encode it at each width. Only
//! pixels survive re-encoding: EXIF (with any GPS position), XMP, IPTC and comments are gone.
//!
//! CPU-bound and synchronous: callers run it on a blocking thread.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use crate::domain::media::{
    ImageKind, ImageProblem, MAX_DECODE_ALLOC, MAX_SIDE, check_dimensions, jpeg_is_complete,
    scaled_height, sniff, widths_for,
};

/// JPEG quality of the stored variants: visually clean for photographs at a third of the size
/// of quality 95.
const JPEG_QUALITY: u8 = 82;

/// One stored width of an image.
#[derive(Debug)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// An upload made ready to store.
#[derive(Debug)]
pub struct Processed {
    pub kind: ImageKind,
    /// The original's size, upright.
    pub width: u32,
    pub height: u32,
    /// Narrowest first.
    pub variants: Vec<Variant>,
}

/// What a decoder's error means for the uploader.
fn describe(kind: ImageKind, e: &ImageError) -> ImageProblem {
    match e {
        ImageError::Limits(_) => ImageProblem::TooLargeToDecode,
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageProblem::Truncated(kind)
        }
        ImageError::Unsupported(_) => ImageProblem::Unsupported(kind),
        _ => {
            // Decoders report a cut-off file in their own words; "eof" is what they share.
            let text = e.to_string().to_ascii_lowercase();
            if text.contains("eof") || text.contains("end of file") || text.contains("truncat") {
                ImageProblem::Truncated(kind)
            } else {
                ImageProblem::Damaged(kind)
            }
        }
    }
}

/// Decodes `bytes` and makes every width of it; `Err` says why the uploader's file was refused.
pub fn process(bytes: &[u8]) -> Result<Processed, ImageProblem> {
    let kind = sniff(bytes)?;
    if kind == ImageKind::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageProblem::Truncated(kind));
    }
    let format = match kind {
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Webp => ImageFormat::WebP,
    };
    // The header is read without limits (it allocates nothing large) so that a refusal can
    // name the declared size; the strict limits are set before any pixel is decoded.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| describe(kind, &e))?;
    let (w, h) = decoder.dimensions();
    check_dimensions(w, h)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    decoder.set_limits(limits).map_err(|e| describe(kind, &e))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| describe(kind, &e))?;
    // The EXIF orientation is about to be dropped with the rest of the metadata: apply it.
    image.apply_orientation(orientation);
    // 8 bits per channel, alpha kept where the format can store it.
    let image = if image.color().has_alpha() && kind != ImageKind::Jpeg {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    let (width, height) = (image.width(), image.height());
    let widths = widths_for(width);
    let mut variants = Vec::with_capacity(widths.len());
    // Widest first, each made from the one before: far less work than resizing the original
    // every time, and each step still shrinks by at least 1.6×.
    let mut source = image;
    for &w in widths.iter().rev() {
        let h = scaled_height(width, height, w);
        let resized = if (w, h) == (source.width(), source.height()) {
            source
        } else {
            source.resize_exact(w, h, FilterType::CatmullRom)
        };
        variants.push(Variant {
            width: w,
            height: h,
            bytes: encode(&resized, kind).map_err(|e| {
                tracing::error!(error = %e, "encoding an image variant failed");
                ImageProblem::NotEncoded
            })?,
        });
        source = resized;
    }
    variants.reverse();
    Ok(Processed {
        kind,
        width,
        height,
        variants,
    })
}

/// Encodes pixels only: no EXIF, ICC profile or any other metadata is written.
fn encode(image: &DynamicImage, kind: ImageKind) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    match kind {
        ImageKind::Jpeg => {
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(image)?
        }
        ImageKind::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Default,
            PngFilter::Adaptive,
        ))?,
        // The WebP encoder of the `image` crate is lossless only.
        ImageKind::Webp => image.write_with_encoder(WebPEncoder::new_lossless(&mut out))?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(w, h, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, 90, 200])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_with_encoder(PngEncoder::new(&mut out))
            .unwrap();
        out
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 40]));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn a_wide_jpeg_gets_every_width_with_its_aspect_ratio() {
        let p = process(&jpeg(2000, 1000)).unwrap();
        assert_eq!((p.kind, p.width, p.height), (ImageKind::Jpeg, 2000, 1000));
        let sizes: Vec<(u32, u32)> = p.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(480, 240), (960, 480), (1600, 800)]);
        for v in &p.variants {
            let d = image::load_from_memory(&v.bytes).unwrap();
            assert_eq!((d.width(), d.height()), (v.width, v.height));
        }
    }

    #[test]
    fn a_small_png_keeps_its_size_and_its_transparency() {
        let p = process(&png(300, 200)).unwrap();
        assert_eq!(p.variants.len(), 1);
        let d = image::load_from_memory(&p.variants[0].bytes).unwrap();
        assert_eq!((d.width(), d.height()), (300, 200));
        assert!(d.color().has_alpha());
    }

    #[test]
    fn a_png_cut_short_is_refused_as_truncated() {
        let whole = png(600, 400);
        let e = process(&whole[..whole.len() / 2]).unwrap_err();
        assert_eq!(e, ImageProblem::Truncated(ImageKind::Png));
    }

    #[test]
    fn a_jpeg_cut_short_is_refused_as_truncated() {
        let whole = jpeg(600, 400);
        let e = process(&whole[..whole.len() - 200]).unwrap_err();
        assert_eq!(e, ImageProblem::Truncated(ImageKind::Jpeg));
    }
}
