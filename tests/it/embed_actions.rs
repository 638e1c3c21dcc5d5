//! A comment's actions inside the embedded conversation's frame, on SQLite and PostgreSQL: a
//! member signed in there (whose partitioned cookie only the embed's routes receive) likes,
//! reports, deletes their own comment and mutes an author through the embed's own routes
//! (`/embed/comments/actions`, `/embed/comments/{id}/report`), with the frame's form token, as
//! the script does (JSON) and without JavaScript (a redirect back into the frame).

use serde_json::Value;

use crate::common::{TestApp, attrs, html};
use crate::embed_signin::{BLOG, Frame, SECRET, claims, frame_path, posted_id, sign, with_site};
use broadsheet::domain::comment::CommentStatus;
use broadsheet::domain::embed::SiteId;

backend_tests!(
    a_frame_member_likes_reports_deletes_and_mutes_in_the_frame,
    the_frames_actions_need_its_own_form_token,
);

/// A reader signed in by the host's token, with a comment of their own on the page's thread.
pub(crate) async fn reader(
    app: &TestApp,
    site: SiteId,
    sub: &str,
    name: &str,
    text: &str,
) -> (Frame, i64) {
    let mut frame = Frame::new();
    let token = sign(&claims(app, site, sub, name), SECRET);
    assert_eq!(frame.host_signin(app, site, &token).await.status(), 204);
    let (_, page) = frame.get(app, &frame_path(site)).await;
    let doc = html(&page);
    let action = attrs(&doc, "#comment-form", "action").remove(0);
    let csrf = attrs(&doc, "#comment-form input[name=csrf]", "value").remove(0);
    let r = frame
        .post(app, &action, &[("csrf", &csrf), ("body", text)])
        .await;
    (frame, posted_id(r).await)
}

/// The member who wrote comment `id`.
async fn author(app: &TestApp, id: i64) -> i64 {
    let row = app.store.comment(id).await.unwrap().unwrap();
    row.author_id.unwrap()
}

/// A form posted without JavaScript (no JSON asked for): the status and where it leads.
pub(crate) async fn plain_post(
    frame: &mut Frame,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let r = frame
        .http
        .post(app.url(path))
        .header("cookie", frame.header())
        .form(fields)
        .send()
        .await
        .unwrap();
    frame.keep(&r);
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, r.text().await.unwrap())
}

async fn a_frame_member_likes_reports_deletes_and_mutes_in_the_frame(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, own) = reader(&app, site, "host-ann", "Ann Host", "Ann's own comment.").await;
    let (_bob, other) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;

    // The framed thread's controls lead to the embed's routes, with the frame's token.
    let (_, page) = ann.get(&app, &frame_path(site)).await;
    let doc = html(&page);
    assert_eq!(
        attrs(&doc, "form#acts", "action"),
        ["/embed/comments/actions"]
    );
    let csrf = attrs(&doc, "form#acts input[name=csrf]", "value").remove(0);
    assert_eq!(csrf, attrs(&doc, "html", "data-csrf").remove(0));
    let report_href = format!("/embed/comments/{other}/report");
    assert_eq!(
        attrs(
            &doc,
            &format!("#comment-{other} .comment-actions a[href$='/report']"),
            "href"
        ),
        [report_href.as_str()]
    );

    // Like, as the script does it.
    let r = ann
        .post(
            &app,
            "/embed/comments/actions",
            &[("csrf", &csrf), ("like", &other.to_string())],
        )
        .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        (body["liked"].as_bool(), body["likes"].as_i64()),
        (Some(true), Some(1))
    );
    // And taking it back without JavaScript: back into the frame, at the comment.
    let (status, location, _) = plain_post(
        &mut ann,
        &app,
        "/embed/comments/actions",
        &[("csrf", &csrf), ("unlike", &other.to_string())],
    )
    .await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/embed/thread?") && location.ends_with(&format!("#comment-{other}")),
        "{location}"
    );
    let (_, page) = ann.get(&app, &location).await;
    let likes = attrs(
        &html(&page),
        &format!("#comment-{other} [aria-pressed]"),
        "aria-pressed",
    );
    assert_eq!(likes, ["false"]);

    // Report: the form is framed by the site's origins only, and posts under /embed.
    let r = ann
        .http
        .get(app.url(&report_href))
        .header("cookie", ann.header())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains(&format!("frame-ancestors {BLOG}")), "{csp}");
    let doc = html(&r.text().await.unwrap());
    assert_eq!(attrs(&doc, "form.stack", "action"), [report_href.as_str()]);
    let report_csrf = attrs(&doc, "form.stack input[name=csrf]", "value").remove(0);
    let (status, _, page) = plain_post(
        &mut ann,
        &app,
        &report_href,
        &[("csrf", &report_csrf), ("reason", "spam"), ("note", "")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Moderators will look at this comment."),
        "{page}"
    );
    // It was kept: a second report of the same comment is refused.
    let r = ann
        .post(&app, &report_href, &[("csrf", &csrf), ("reason", "spam")])
        .await;
    assert_eq!(r.status(), 422);

    // Mute Bob: back into the frame at the folded comment, which now offers Unmute.
    let (status, location, _) = plain_post(
        &mut ann,
        &app,
        "/embed/comments/actions",
        &[("csrf", &csrf), ("mute", &other.to_string())],
    )
    .await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/embed/thread?") && location.ends_with(&format!("#muted-{other}")),
        "{location}"
    );
    let (bob, ann_id) = (author(&app, other).await, author(&app, own).await);
    assert_eq!(app.store.muted_ids(ann_id).await.unwrap(), [bob]);
    let (_, page) = ann.get(&app, &frame_path(site)).await;
    assert_eq!(
        attrs(
            &html(&page),
            &format!("button[name=unmute][value='{other}']"),
            "form"
        ),
        ["acts"]
    );

    // Delete her own comment.
    let (status, location, _) = plain_post(
        &mut ann,
        &app,
        "/embed/comments/actions",
        &[("csrf", &csrf), ("delete", &own.to_string())],
    )
    .await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/embed/thread?"), "{location}");
    assert_eq!(
        app.store.comment(own).await.unwrap().unwrap().status,
        CommentStatus::Deleted
    );
}

async fn the_frames_actions_need_its_own_form_token(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, _) = reader(&app, site, "host-ann", "Ann Host", "Ann's comment.").await;
    let (mut bob, other) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;
    let (bobs_csrf, _) = bob.open(&app, site).await;
    let (anns_csrf, _) = ann.open(&app, site).await;
    let like = other.to_string();

    // Another member's token is refused, and nothing is liked.
    let r = ann
        .post(
            &app,
            "/embed/comments/actions",
            &[("csrf", &bobs_csrf), ("like", &like)],
        )
        .await;
    assert_eq!(r.status(), 403);
    // The whole site's route does not receive the frame's cookie: the frame is signed out there.
    let r = ann
        .post(
            &app,
            "/comments/actions",
            &[("csrf", &anns_csrf), ("like", &like)],
        )
        .await;
    assert!(
        matches!(r.status().as_u16(), 401 | 403 | 303),
        "{}",
        r.status()
    );
    assert_eq!(
        app.store.comment(other).await.unwrap().unwrap().like_count,
        0
    );
    // With its own token the like is taken.
    let r = ann
        .post(
            &app,
            "/embed/comments/actions",
            &[("csrf", &anns_csrf), ("like", &like)],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store.comment(other).await.unwrap().unwrap().like_count,
        1
    );
}
