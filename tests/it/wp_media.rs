//! A WordPress import with its pictures (`--uploads`), galleries and embeds, and every kind of
//! old address, on SQLite and PostgreSQL: the real binary reads
//! tests/fixtures/imports/wordpress-media.xml and an uploads folder of real images made here.

use std::path::{Path, PathBuf};

use image::{ImageEncoder, Rgb, RgbImage};

use crate::common::{TestApp, article, bin};

backend_tests!(
    pictures_galleries_and_embeds_come_in_where_they_stood,
    without_uploads_the_pictures_left_out_are_counted_and_linked,
    a_second_run_adds_no_picture_twice,
    upload_paths_never_leave_the_folder,
    a_failed_import_leaves_no_picture_behind,
    old_addresses_of_every_kind_move_to_the_article,
);

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports/wordpress-media.xml")
}

fn png(w: u32, h: u32, tint: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x * 3) as u8, tint, (y * 5) as u8]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x * 2) as u8, (y * 4) as u8, 150]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

/// A copy of `wp-content/uploads` holding the fixture's pictures (all but the heron), inside
/// `root/uploads`.
fn uploads(root: &Path) -> PathBuf {
    let dir = root.join("uploads");
    let month = dir.join("2024/05");
    std::fs::create_dir_all(&month).unwrap();
    std::fs::write(month.join("gull.png"), png(64, 40, 10)).unwrap();
    // The resized copy WordPress made: the import takes the original beside it.
    std::fs::write(month.join("gull-300x200.png"), png(30, 20, 99)).unwrap();
    std::fs::write(month.join("nets.png"), png(48, 48, 200)).unwrap();
    std::fs::write(month.join("ferry-jetty.jpg"), jpeg(80, 50)).unwrap();
    dir
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn import(app: &TestApp, file: &Path, uploads: Option<&Path>) -> Run {
    let mut cmd = bin();
    cmd.args(["--database-url", &app.database_url, "--data-dir"])
        .arg(app.data_dir.path())
        .arg("import-wordpress")
        .arg(file);
    if let Some(dir) = uploads {
        cmd.arg("--uploads").arg(dir);
    }
    let out = cmd.output().unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn import_ok(app: &TestApp, file: &Path, uploads: Option<&Path>) -> String {
    let run = import(app, file, uploads);
    assert!(run.ok, "import-wordpress failed:\n{}", run.stderr);
    run.stdout
}

/// The article's stored body (its Markdown with directives), as the editor opens it.
async fn source(app: &TestApp, slug: &str) -> String {
    let (id, _) = app
        .store
        .published_article_id(slug, app.clock.now())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no article {slug}"));
    app.store.editing(id).await.unwrap().unwrap().draft.body
}

/// The library's images by alt text: (id, hash, widths).
async fn library(app: &TestApp) -> Vec<(String, i64, String)> {
    let mut rows: Vec<(String, i64, String)> = app
        .store
        .recent_media(50)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.alt, m.id, m.hash))
        .collect();
    rows.sort();
    rows
}

fn media_files(app: &TestApp) -> Vec<String> {
    let dir = app.data_dir.path().join("media");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `needles` appear in `hay` in this order.
fn in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        let at = hay[from..]
            .find(n)
            .unwrap_or_else(|| panic!("`{n}` is not after byte {from} in:\n{hay}"));
        from += at + n.len();
    }
}

async fn pictures_galleries_and_embeds_come_in_where_they_stood(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let up = uploads(dir.path());
    let out = import_ok(&app, &fixture(), Some(&up));
    assert!(out.contains("3 articles (0 already there)"), "{out}");
    assert!(
        out.contains("3 images in the media library (3 new)"),
        "{out}"
    );
    assert!(
        out.contains("image left out: 2024/05/missing-heron.png: not in the uploads folder"),
        "{out}"
    );

    let lib = library(&app).await;
    let alts: Vec<&str> = lib.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        alts,
        vec![
            "A grey gull standing on a wooden mooring post",
            "Drying nets",
            "The white ferry pulling away from the jetty"
        ]
    );
    let (gull, nets, ferry) = (lib[0].1, lib[1].1, lib[2].1);
    // Each stored at its widths (these are narrower than the narrowest standard width).
    let files = media_files(&app);
    for (hash, width, ext) in [
        (&lib[0].2, 64, "png"),
        (&lib[1].2, 48, "png"),
        (&lib[2].2, 80, "jpg"),
    ] {
        assert!(
            files.contains(&format!("{hash}-{width}.{ext}")),
            "{files:?}"
        );
    }
    assert_eq!(files.len(), 3, "{files:?}");

    // Classic editor: the [caption]ed picture (the original of the resized copy), the
    // [gallery], the video link alone on its line, the missing picture as a link, in order.
    let body = source(&app, "my-post").await;
    in_order(
        &body,
        &[
            "The boats are back in the water",
            &format!(
                "::image[A grey gull standing on a wooden mooring post]{{media={gull} \
                 caption=\"The first gull of the season\"}}"
            ),
            "Fishermen spent the weekend",
            &format!(
                ":::gallery\n::image[A grey gull standing on a wooden mooring post]{{media={gull} \
                 caption=\"Early light at the east pier\"}}\n::image[Drying nets]{{media={nets}}}\n:::"
            ),
            "::embed{url=\"https://www.youtube.com/watch?v=lakeside42\"}",
            "<a href=\"https://ledger.example/wp-content/uploads/2024/05/missing-heron.png\">A heron in the reeds</a>",
            "The pier opens at seven",
        ],
    );
    assert!(
        !body.contains("[caption") && !body.contains("[gallery"),
        "{body}"
    );

    // Block editor: the image figure with its caption, the gallery of nested images with the
    // gallery's own caption after it, the embed with its caption as title.
    let body = source(&app, "rowing-record").await;
    in_order(
        &body,
        &[
            "eleven seconds inside the old record",
            &format!(
                "::image[Nets hung out to dry beside the boathouse]{{media={nets} \
                 caption=\"The boathouse before the race\"}}"
            ),
            &format!(
                ":::gallery\n::image[The white ferry pulling away from the jetty]{{media={ferry}}}\n\
                 ::image[A gull watching the start]{{media={gull} caption=\"Spectator\"}}\n:::"
            ),
            "Race day on the lake",
            "::embed[The last 500 metres]{url=\"https://vimeo.com/900100\"}",
            "trains on Tuesday and Thursday",
        ],
    );
    assert!(!body.contains("<!-- wp:"), "{body}");

    // The featured image (_thumbnail_id) from the library, with the attachment's alt text.
    let page = app.page("/articles/my-post", 200).await;
    assert!(
        page.contains(&format!("/media/{}-80.jpg", lib[2].2)),
        "{page}"
    );
    assert!(
        page.contains("alt=\"The white ferry pulling away from the jetty\""),
        "{page}"
    );
    let r = app.get(&format!("/media/{}-80.jpg", lib[2].2)).await;
    assert_eq!(r.status(), 200);
}

async fn without_uploads_the_pictures_left_out_are_counted_and_linked(app: TestApp) {
    let out = import_ok(&app, &fixture(), None);
    assert!(out.contains("6 images left out: give --uploads"), "{out}");
    assert!(library(&app).await.is_empty());
    let body = source(&app, "my-post").await;
    assert!(!body.contains("::image"), "{body}");
    assert!(
        body.contains(
            "<a href=\"https://ledger.example/wp-content/uploads/2024/05/gull-300x200.png\">\
             A grey gull standing on a wooden mooring post</a>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<p>The first gull of the season</p>"),
        "{body}"
    );
    // Embeds need no file: they come either way.
    assert!(
        body.contains("::embed{url=\"https://www.youtube.com/watch?v=lakeside42\"}"),
        "{body}"
    );
    let page = app.page("/articles/my-post", 200).await;
    assert!(
        !page.contains("/media/"),
        "no featured image without its file"
    );
}

async fn a_second_run_adds_no_picture_twice(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let up = uploads(dir.path());
    import_ok(&app, &fixture(), Some(&up));
    let (lib, files) = (library(&app).await, media_files(&app));
    let body = source(&app, "rowing-record").await;

    let out = import_ok(&app, &fixture(), Some(&up));
    assert!(out.contains("3 articles (3 already there)"), "{out}");
    assert_eq!(library(&app).await, lib);
    assert_eq!(media_files(&app), files);
    assert_eq!(source(&app, "rowing-record").await, body);
}

async fn upload_paths_never_leave_the_folder(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let up = uploads(dir.path());
    // A picture outside the folder, reached by a symbolic link inside it and by `..`.
    std::fs::write(dir.path().join("secret.png"), png(20, 20, 1)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.png"), up.join("2024/05/escape.png"))
        .unwrap();
    let wxr = std::fs::read_to_string(fixture())
        .unwrap()
        .replace("2024/05/missing-heron.png", "2024/05/escape.png")
        .replace(
            "uploads/2024/05/nets-1024x683.png",
            "uploads/2024/05/%2e%2e/%2e%2e/%2e%2e/secret.png",
        );
    let file = dir.path().join("export.xml");
    std::fs::write(&file, wxr).unwrap();
    let out = import_ok(&app, &file, Some(&up));
    assert!(
        out.contains(
            "image left out: 2024/05/escape.png: leads outside the uploads folder; refused"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "image left out: https://ledger.example/wp-content/uploads/2024/05/%2e%2e/%2e%2e/%2e%2e/secret.png: \
             outside the uploads folder; refused"
        ),
        "{out}"
    );
    // Only the three pictures of the folder.
    assert_eq!(library(&app).await.len(), 3);
    assert_eq!(media_files(&app).len(), 3);
}

async fn a_failed_import_leaves_no_picture_behind(app: TestApp) {
    // An article of this site already has the second post's slug: the import fails after its
    // pictures were stored.
    app.publish(&[article("rowing-record", "Sport", 3)]).await;
    let dir = tempfile::tempdir().unwrap();
    let up = uploads(dir.path());
    let run = import(&app, &fixture(), Some(&up));
    assert!(!run.ok);
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    // They were written (one width each), and are gone again.
    assert!(
        run.stderr
            .contains("removed the 3 picture files this import had written"),
        "{}",
        run.stderr
    );
    assert!(library(&app).await.is_empty());
    assert_eq!(media_files(&app), Vec::<String>::new());
    app.page("/articles/my-post", 404).await;
}

async fn old_addresses_of_every_kind_move_to_the_article(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    // The second post under a /category/%category%/%postname%/ address.
    let wxr = std::fs::read_to_string(fixture()).unwrap().replace(
        "https://ledger.example/rowing-record/",
        "https://ledger.example/category/waterfront/rowing-record/",
    );
    let file = dir.path().join("export.xml");
    std::fs::write(&file, wxr).unwrap();
    import_ok(&app, &file, None);

    // The front page is in the cache: an old `?p=` address must not be answered from it.
    app.page("/", 200).await;
    app.page("/", 200).await;
    for (path, to) in [
        ("/my-post/", "/articles/my-post"),
        ("/my-post", "/articles/my-post"),
        ("/2024/05/12/my-post/", "/articles/my-post"),
        (
            "/category/waterfront/rowing-record/",
            "/articles/rowing-record",
        ),
        ("/?p=123", "/articles/my-post"),
        ("/?p=124&utm_source=feed", "/articles/rowing-record"),
        ("/index.php?p=123", "/articles/my-post"),
        ("/?page_id=7", "/articles/about-the-ledger"),
        ("/?p=7", "/articles/about-the-ledger"),
        ("/about-the-ledger/", "/articles/about-the-ledger"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 301, "{path}");
        assert_eq!(r.headers()["location"], to, "{path}");
    }
    // An id nothing was imported as names no page here: 404, not a copy of the front page.
    app.page("/?p=999", 404).await;
    app.page("/?page_id=123", 404).await;
    app.page("/index.php?p=999", 404).await;
    app.page("/not-an-old-post/", 404).await;
    app.page("/2024/05/13/my-post/", 404).await;
    // The front page itself, with or without other parameters.
    app.page("/?utm_source=x", 200).await;
    app.page("/?p=not-a-number", 200).await;
}
