//! Images: uploads through `/admin/media` on SQLite and PostgreSQL (a photograph with EXIF and
//! GPS data, PNG and WebP, hostile files), the stored files and how they are served, the
//! article page's `srcset`, and the S3 store against a real S3-compatible server.

use std::io::Cursor;

use crate::common::{self, Member, TestApp, article, attrs, html};
use broadsheet::config::{MediaStorage, S3Settings, Secret};
use broadsheet::domain::FeaturedImage;
use broadsheet::domain::user::Role;
use broadsheet::services::media::{MediaStore, S3Store};
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

backend_tests!(
    a_photo_is_stored_at_every_width_without_its_metadata,
    a_rotated_photo_is_stored_upright,
    png_and_webp_are_accepted,
    only_contributors_and_up_may_upload,
    an_upload_without_the_form_token_is_refused,
);

/// Text hidden in the test photo's EXIF data: it must not reach any stored file.
const EXIF_MARKER: &[u8] = b"Taken at the secret harbour";

/// A photograph-like JPEG (a gradient with noise, so it compresses like one).
pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 23;
        Rgb([
            ((x * 255 / w) as u8).saturating_add(n as u8),
            (y * 255 / h) as u8,
            120,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// An EXIF APP1 segment, built by hand (big-endian TIFF): IFD0 with an image description, the
/// orientation and a pointer to a GPS IFD holding a latitude of 51° 30' N.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    let desc: Vec<u8> = [EXIF_MARKER, b"\0"].concat();
    let desc_at = 8 + 2 + 3 * 12 + 4; // after the header and IFD0
    let gps_at = (desc_at + desc.len() as u32 + 1) & !1;
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(b"MM\0\x2a");
    tiff.extend_from_slice(&8u32.to_be_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    tiff.extend_from_slice(&3u16.to_be_bytes());
    entry(
        &mut tiff,
        0x010E,
        2,
        desc.len() as u32,
        desc_at.to_be_bytes(),
    );
    let o = orientation.to_be_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, gps_at.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&desc);
    tiff.resize(gps_at as usize, 0);
    tiff.extend_from_slice(&2u16.to_be_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, 5, 3, rationals_at.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in [(51u32, 1u32), (30, 1), (0, 1)] {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

/// A JPEG carrying the EXIF segment right after its start-of-image marker.
fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(w, h);
    [&plain[..2], &exif_segment(orientation)[..], &plain[2..]].concat()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        Rgba([(x % 256) as u8, (y % 256) as u8, 60, 128])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn webp(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, 90, (y % 256) as u8]));
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        .unwrap();
    out
}

/// A PNG that is only a header declaring 100,000 × 100,000 pixels (40 GB of RGBA), and a
/// few bytes of compressed data: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    };
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A multipart/form-data body, written out by hand: (content type, body).
pub(crate) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----broadsheet-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((filename, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload_as(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    filename: &str,
    bytes: &[u8],
    alt: &str,
) -> reqwest::Response {
    let (content_type, body) = multipart(
        &[
            ("csrf", csrf),
            ("alt", alt),
            ("caption", "Photo: Test Desk"),
        ],
        Some((filename, bytes)),
    );
    client
        .post(app.url("/admin/media"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn upload(
    app: &TestApp,
    m: &Member,
    filename: &str,
    bytes: &[u8],
) -> reqwest::Response {
    upload_as(
        app,
        &m.client,
        &m.csrf,
        filename,
        bytes,
        "Cranes over the harbour at dawn",
    )
    .await
}

async fn contributor(app: &TestApp) -> Member {
    let m = app.member("Casey").await;
    m.promote(app, Role::Contributor).await;
    m
}

/// The names of the files in the local media folder, sorted.
fn media_files(app: &TestApp) -> Vec<String> {
    let dir = app.data_dir.path().join("media");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn a_photo_is_stored_at_every_width_without_its_metadata(app: TestApp) {
    let m = contributor(&app).await;
    let photo = jpeg_with_exif(2000, 1500, 1);
    assert!(contains(&photo, b"Exif\0\0") && contains(&photo, EXIF_MARKER));
    let r = upload(&app, &m, "harbour.jpg", &photo).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&photo);
    assert_eq!(location(&r), format!("/admin/media?uploaded={hash}"));

    // Three widths, each a real JPEG of the right size, none with the EXIF or GPS data.
    let names = media_files(&app);
    assert_eq!(
        names,
        vec![
            format!("{hash}-1600.jpg"),
            format!("{hash}-480.jpg"),
            format!("{hash}-960.jpg")
        ]
    );
    for (width, height) in [(480, 360), (960, 720), (1600, 1200)] {
        let name = format!("{hash}-{width}.jpg");
        let bytes = std::fs::read(app.data_dir.path().join("media").join(&name)).unwrap();
        assert!(!contains(&bytes, b"Exif"), "{name} has an EXIF segment");
        assert!(
            !contains(&bytes, EXIF_MARKER),
            "{name} kept the description"
        );
        assert!(
            !contains(&bytes, &[0xFF, 0xE1]),
            "{name} has an APP1 segment"
        );
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (width, height),
            "{name}"
        );

        // Served with its type, a year's caching and an ETag that revalidates.
        let r = app.get(&format!("/media/{name}")).await;
        assert_eq!(r.status(), 200);
        let h = r.headers().clone();
        assert_eq!(h["content-type"], "image/jpeg");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
        let etag = h["etag"].to_str().unwrap().to_owned();
        assert_eq!(r.bytes().await.unwrap(), bytes);
        let again = app
            .client
            .get(app.url(&format!("/media/{name}")))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
    }
    assert_eq!(
        app.get(&format!("/media/{hash}-2000.jpg")).await.status(),
        404
    );
    assert_eq!(app.get("/media/..%2Fbroadsheet.db").await.status(), 404);

    // The row: the original's size, the widths made, the describing text, the uploader.
    let row = app.store.media_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!((row.width, row.height), (2000, 1500));
    assert_eq!(row.widths, "480 960 1600");
    assert_eq!(row.kind, "jpeg");
    assert_eq!(row.alt, "Cranes over the harbour at dawn");
    assert_eq!(row.caption.as_deref(), Some("Photo: Test Desk"));
    assert_eq!(row.uploader.as_deref(), Some("Casey"));

    // The library shows the URL to paste.
    let url = format!("/media/{hash}-1600.jpg");
    let page = m.page(&format!("/admin/media?uploaded={hash}")).await;
    assert_eq!(
        attrs(&html(&page), "#uploaded-url", "value"),
        vec![url.clone()]
    );
    assert!(attrs(&html(&page), ".media-list .media-url", "value").contains(&url));

    // The same bytes again: the same image, no second row.
    let r = upload(&app, &m, "copy.jpg", &photo).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&r),
        format!("/admin/media?uploaded={hash}&existing=1")
    );
    assert_eq!(app.store.media_count().await.unwrap(), 1);
    let page = m.page(&location(&r)).await;
    assert!(page.contains("already in the library"), "{page}");

    // An article with it as its featured image offers every width, at its intrinsic size,
    // fetched at once since it opens the page.
    let mut a = article("harbour", "Science", 5);
    a.image = Some(FeaturedImage {
        src: url.clone(),
        alt: "Cranes over the harbour at dawn".into(),
        caption: Some("Photo: Test Desk".into()),
    });
    app.publish(&[a]).await;
    let doc = html(&app.page("/articles/harbour", 200).await);
    let img = |attr: &str| attrs(&doc, ".story-image img", attr);
    assert_eq!(img("src"), vec![url.clone()]);
    assert_eq!(
        img("srcset"),
        vec![format!(
            "/media/{hash}-480.jpg 480w, /media/{hash}-960.jpg 960w, /media/{hash}-1600.jpg 1600w"
        )]
    );
    assert_eq!(
        img("sizes"),
        vec!["(min-width: 42rem) 40rem, calc(100vw - 2rem)"]
    );
    assert_eq!(
        (img("width"), img("height")),
        (vec!["1600".into()], vec!["1200".into()])
    );
    assert_eq!(img("loading"), vec!["eager"]);
    assert_eq!(img("fetchpriority"), vec!["high"]);
    assert_eq!(img("alt"), vec!["Cranes over the harbour at dawn"]);

    // A remote image renders as it always did.
    let mut b = article("remote", "Science", 4);
    b.image = Some(FeaturedImage {
        src: "https://cdn.example/pictures/boat.jpg".into(),
        alt: "A boat".into(),
        caption: None,
    });
    app.publish(&[b]).await;
    let doc = html(&app.page("/articles/remote", 200).await);
    assert_eq!(
        attrs(&doc, ".story-image img", "src"),
        vec!["https://cdn.example/pictures/boat.jpg"]
    );
    assert!(attrs(&doc, ".story-image img", "srcset").is_empty());
}

async fn a_rotated_photo_is_stored_upright(app: TestApp) {
    let m = contributor(&app).await;
    // Orientation 6: the camera was turned; the picture is shown rotated a quarter turn.
    let photo = jpeg_with_exif(1200, 800, 6);
    let r = upload(&app, &m, "portrait.jpg", &photo).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&photo);
    let row = app.store.media_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!(
        (row.width, row.height),
        (800, 1200),
        "upright: taller than wide"
    );
    assert_eq!(row.widths, "480");
    let bytes = app
        .get(&format!("/media/{hash}-480.jpg"))
        .await
        .bytes()
        .await
        .unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 720));
}

async fn png_and_webp_are_accepted(app: TestApp) {
    let m = contributor(&app).await;
    let p = png(1000, 500);
    let r = upload(&app, &m, "chart.png", &p).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&p);
    for (width, height) in [(480, 240), (960, 480)] {
        let r = app.get(&format!("/media/{hash}-{width}.png")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "image/png");
        let d = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
        assert_eq!((d.width(), d.height()), (width, height));
        assert!(d.color().has_alpha(), "transparency is kept");
    }
    assert_eq!(
        app.get(&format!("/media/{hash}-1600.png")).await.status(),
        404
    );

    let w = webp(640, 400);
    let r = upload(&app, &m, "map.webp", &w).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&w);
    let r = app.get(&format!("/media/{hash}-480.webp")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/webp");
    let d = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((d.width(), d.height()), (480, 300));
    assert_eq!(app.store.media_count().await.unwrap(), 2);
    assert_eq!(media_files(&app).len(), 3);
}

/// Each backend, with a small upload limit so an over-size file is cheap to send.
mod hostile {
    use crate::common::{Backend, TestApp};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::start_with(Backend::Sqlite, |c| c.max_upload_bytes = 200 * 1024).await;
        super::hostile_files_are_refused_and_nothing_is_written(app.unwrap()).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let app = TestApp::start_with(Backend::Postgres, |c| c.max_upload_bytes = 200 * 1024).await;
        if let Some(app) = app {
            super::hostile_files_are_refused_and_nothing_is_written(app).await;
        }
    }
}

async fn hostile_files_are_refused_and_nothing_is_written(app: TestApp) {
    let m = contributor(&app).await;
    let photo = jpeg(800, 600);
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>";
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    gif.extend_from_slice(&[0; 20]);
    let mut oversize = jpeg(64, 64);
    oversize.resize(250_000, 0);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "notes.jpg",
            b"Meeting notes: remember the harbour story.\n".to_vec(),
            422,
            "not an image the site can read",
        ),
        (
            "cut.jpg",
            photo[..photo.len() * 2 / 3].to_vec(),
            422,
            "cut short",
        ),
        (
            "bomb.png",
            png_bomb(),
            422,
            "100000 × 100000 pixels, too large to process",
        ),
        ("anim.gif", gif, 422, "GIF images are not accepted"),
        (
            "logo.svg",
            svg.to_vec(),
            422,
            "SVG drawings are not accepted",
        ),
        (
            "huge.jpg",
            oversize,
            413,
            "larger than the 200 KB this site accepts",
        ),
        ("empty.jpg", Vec::new(), 422, "Choose an image file"),
    ];
    for (name, bytes, status, message) in cases {
        let r = upload(&app, &m, name, &bytes).await;
        assert_eq!(r.status(), status, "{name}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains(message),
            "{name}: expected “{message}” in:\n{body}"
        );
        // The alt text typed is kept for the next try.
        assert!(
            body.contains("Cranes over the harbour at dawn") || status == 413,
            "{name}"
        );
        assert_eq!(media_files(&app), Vec::<String>::new(), "{name} left files");
        assert_eq!(
            app.store.media_count().await.unwrap(),
            0,
            "{name} left a row"
        );
    }
    // Alt text is required.
    let r = upload_as(&app, &m.client, &m.csrf, "ok.jpg", &photo, "  ").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("alt text"));
    assert_eq!(media_files(&app), Vec::<String>::new());
    // A body far over the limit is refused by its declared length before a byte is read, with
    // the upload's limit in the message (not the 1 MiB of other forms).
    let response = declared_too_large(&app, 600_000).await;
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(
        response.contains("larger than the 200 KB this site accepts for an image"),
        "{response}"
    );
    assert_eq!(media_files(&app), Vec::<String>::new());
    assert_eq!(app.store.media_count().await.unwrap(), 0);
}

/// The raw answer to an upload that declares `length` bytes and sends none of them.
pub(crate) async fn declared_too_large(app: &TestApp, length: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut conn = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /admin/media HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    response
}

async fn only_contributors_and_up_may_upload(app: TestApp) {
    let photo = jpeg(500, 400);
    let anon = common::client();
    let r = anon.get(app.url("/admin/media")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/signin"));
    let r = upload_as(&app, &anon, "", "a.jpg", &photo, "A thing").await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/signin"));

    let member = app.member("Morgan").await;
    assert_eq!(member.get("/admin/media").await.status(), 403);
    let r = upload(&app, &member, "a.jpg", &photo).await;
    assert_eq!(r.status(), 403);
    assert_eq!(media_files(&app), Vec::<String>::new());
    assert_eq!(app.store.media_count().await.unwrap(), 0);

    let c = contributor(&app).await;
    let page = c.page("/admin/media").await;
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(page.contains("No images yet."));
    let r = upload(&app, &c, "a.jpg", &photo).await;
    assert_eq!(r.status(), 303);
}

async fn an_upload_without_the_form_token_is_refused(app: TestApp) {
    let c = contributor(&app).await;
    let r = upload_as(
        &app,
        &c.client,
        "forged",
        "a.jpg",
        &jpeg(500, 400),
        "A thing",
    )
    .await;
    assert_eq!(r.status(), 403);
    assert_eq!(media_files(&app), Vec::<String>::new());
    assert_eq!(app.store.media_count().await.unwrap(), 0);
}

/// The S3-compatible server the test talks to (`BROADSHEET_TEST_S3_URL`, a moto server in CI),
/// or `None` with a note when it is not set and not required.
pub(crate) fn s3_url() -> Option<String> {
    match std::env::var("BROADSHEET_TEST_S3_URL") {
        Ok(url) if !url.is_empty() => Some(url.trim_end_matches('/').to_owned()),
        _ if std::env::var("BROADSHEET_TEST_REQUIRE_S3").is_ok_and(|v| v == "1") => {
            panic!("BROADSHEET_TEST_REQUIRE_S3=1 but BROADSHEET_TEST_S3_URL is not set")
        }
        _ => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** BROADSHEET_TEST_S3_URL is not set: the S3 media store tests were SKIPPED (.ci/run starts a moto server) ***\n"
            );
            None
        }
    }
}

/// A fresh bucket on the test server (moto takes any credentials).
pub(crate) async fn s3_bucket(url: &str) -> S3Settings {
    let bucket = format!("broadsheet-test-{}", hex::encode(rand::random::<[u8; 6]>()));
    let r = reqwest::Client::new()
        .put(format!("{url}/{bucket}"))
        .send()
        .await
        .expect("the S3 test server answers");
    assert!(
        r.status().is_success(),
        "creating the bucket: {}",
        r.status()
    );
    S3Settings {
        endpoint: Some(url.to_owned()),
        bucket,
        region: "us-east-1".into(),
        access_key_id: Some("testing".into()),
        secret_access_key: Some(Secret::new("testing-secret")),
    }
}

#[tokio::test]
async fn s3_store_round_trip() {
    let Some(url) = s3_url() else { return };
    let store = S3Store::new(&s3_bucket(&url).await).unwrap();
    let key = "0123456789abcdef0123456789abcdef-480.jpg";
    assert!(!store.exists(key).await.unwrap());
    assert_eq!(store.get(key).await.unwrap(), None);
    store
        .put(key, bytes::Bytes::from_static(b"jpeg bytes"))
        .await
        .unwrap();
    assert!(store.exists(key).await.unwrap());
    assert_eq!(store.get(key).await.unwrap().unwrap(), &b"jpeg bytes"[..]);
    store.delete(key).await.unwrap();
    store.delete(key).await.unwrap();
    assert!(!store.exists(key).await.unwrap());
    assert!(store.put("../escape", bytes::Bytes::new()).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_go_to_the_bucket_when_configured() {
    let Some(url) = s3_url() else { return };
    let settings = s3_bucket(&url).await;
    let check = S3Store::new(&settings).unwrap();
    let app = TestApp::start_with(common::Backend::Sqlite, |c| {
        c.media_storage = MediaStorage::S3(settings)
    })
    .await
    .unwrap();
    let m = contributor(&app).await;
    let photo = jpeg_with_exif(1000, 600, 1);
    let r = upload(&app, &m, "harbour.jpg", &photo).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&photo);
    for width in [480, 960] {
        let key = format!("{hash}-{width}.jpg");
        let stored = check.get(&key).await.unwrap().expect("in the bucket");
        assert!(!contains(&stored, EXIF_MARKER));
        let r = app.get(&format!("/media/{key}")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.bytes().await.unwrap(), stored);
    }
    assert_eq!(
        media_files(&app),
        Vec::<String>::new(),
        "nothing on local disk"
    );
    let d = image::ImageReader::new(Cursor::new(
        check
            .get(&format!("{hash}-960.jpg"))
            .await
            .unwrap()
            .unwrap(),
    ))
    .with_guessed_format()
    .unwrap()
    .decode()
    .unwrap();
    assert_eq!((d.width(), d.height()), (960, 576));
}
