//! Times the processing of an uploaded photograph: a generated 12-megapixel JPEG (4000 × 3000,
//! quality 90) decoded, turned upright and re-encoded at 480, 960 and 1600 pixels wide, as
//! `/admin/media` does for each upload (storage and the database row are not included).
//!
//! Usage: `cargo run --release --example media_timing [RUNS] [SAVE_AS]`; SAVE_AS keeps the
//! generated photograph, to upload it to a running server.

use std::time::Instant;

use image::{Rgb, RgbImage};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let (w, h) = (4000u32, 3000u32);
    // A gradient with fine noise, which compresses about as a photograph does.
    let img = RgbImage::from_fn(w, h, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 31;
        Rgb([
            ((x * 220 / w) as u8).saturating_add(n as u8),
            ((y * 220 / h) as u8).saturating_add((n / 2) as u8),
            ((x + y) % 200) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .expect("encode the test photograph");
    if let Some(path) = std::env::args().nth(2) {
        std::fs::write(&path, &jpeg).expect("write the photograph");
    }
    println!(
        "input: {w} × {h} JPEG, {:.1} MB",
        jpeg.len() as f64 / 1_048_576.0
    );
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let out = broadsheet::services::media::process(&jpeg).expect("a valid photograph");
        times.push(started.elapsed());
        let sizes: Vec<String> = out
            .variants
            .iter()
            .map(|v| format!("{}w {} KB", v.width, v.bytes.len() / 1024))
            .collect();
        println!(
            "{:>7.0} ms  ({})",
            times.last().unwrap().as_secs_f64() * 1000.0,
            sizes.join(", ")
        );
    }
    times.sort();
    println!(
        "median {:.0} ms, fastest {:.0} ms over {runs} runs",
        times[runs / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0
    );
}
