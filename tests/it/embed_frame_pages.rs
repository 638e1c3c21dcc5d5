//! The pages a member reaches from a comment inside the embed's frame, on SQLite and
//! PostgreSQL: editing their own comment under `/embed/comments/{id}/edit` (the frame's
//! session reaches only the embed's routes), the live fragment under `/embed` carrying the
//! member's controls, the frame's own minimal layout for the edit and report forms, and the
//! host page's origin (checked against the site's) those forms carry for the frame's script.

use broadsheet::domain::embed::Origin;

use crate::common::{TestApp, attrs, html};
use crate::embed_actions::{plain_post, reader};
use crate::embed_signin::{BLOG, Frame, frame_path, with_site};

backend_tests!(
    a_frame_member_edits_their_comment_inside_the_frame,
    live_fragments_under_embed_carry_the_frame_members_controls,
    the_frames_forms_have_no_site_header_or_footer,
    the_frames_forms_tell_only_a_checked_host_their_height,
);

/// A page the frame asks for, with the `frame-ancestors` its policy names.
async fn framed_get(frame: &mut Frame, app: &TestApp, path: &str) -> (u16, String, String) {
    let r = frame
        .http
        .get(app.url(path))
        .header("cookie", frame.header())
        .send()
        .await
        .unwrap();
    frame.keep(&r);
    let status = r.status().as_u16();
    let csp = r
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, csp, r.text().await.unwrap())
}

async fn a_frame_member_edits_their_comment_inside_the_frame(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, own) = reader(&app, site, "host-ann", "Ann Host", "Ann's first words.").await;
    let (mut bob, _) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;

    // The framed thread's Edit link leads to the embed's own edit route.
    let edit_href = format!("/embed/comments/{own}/edit");
    let (_, page) = ann.get(&app, &frame_path(site)).await;
    let links = attrs(
        &html(&page),
        &format!("#comment-{own} .comment-actions a[href$='/edit']"),
        "href",
    );
    assert_eq!(links, [edit_href.as_str()]);

    // The form is framed by the site's origins only, posts under /embed and leads back into
    // the frame.
    let (status, csp, page) = framed_get(&mut ann, &app, &edit_href).await;
    assert_eq!(status, 200, "{page}");
    assert!(csp.contains(&format!("frame-ancestors {BLOG}")), "{csp}");
    let doc = html(&page);
    assert_eq!(attrs(&doc, "form.stack", "action"), [edit_href.as_str()]);
    let back = attrs(&doc, ".form-page > p > a", "href").remove(0);
    assert!(
        back.starts_with("/embed/thread?") && back.ends_with(&format!("#comment-{own}")),
        "{back}"
    );
    let csrf = attrs(&doc, "form.stack input[name=csrf]", "value").remove(0);

    // The whole site's edit page does not receive the frame's cookie: signed out there.
    let (status, _, _) = framed_get(&mut ann, &app, &format!("/comments/{own}/edit")).await;
    assert_ne!(status, 200);

    // An empty text is refused with the form back, still framed and posting under /embed.
    let (status, _, page) = plain_post(
        &mut ann,
        &app,
        &edit_href,
        &[("csrf", &csrf), ("body", "   ")],
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(
        attrs(&html(&page), "form.stack", "action"),
        [edit_href.as_str()]
    );

    // Another member cannot edit it, even inside the frame.
    let (bobs_csrf, _) = bob.open(&app, site).await;
    let (status, _, _) = plain_post(
        &mut bob,
        &app,
        &edit_href,
        &[("csrf", &bobs_csrf), ("body", "Bob's words instead.")],
    )
    .await;
    assert_eq!(status, 403);

    // Saved without JavaScript: back into the frame at the comment, which reads the new text.
    let (status, location, page) = plain_post(
        &mut ann,
        &app,
        &edit_href,
        &[("csrf", &csrf), ("body", "Ann's second thoughts.")],
    )
    .await;
    assert_eq!(status, 303, "{page}");
    assert!(
        location.starts_with("/embed/thread?") && location.ends_with(&format!("#comment-{own}")),
        "{location}"
    );
    let row = app.store.comment(own).await.unwrap().unwrap();
    assert_eq!(row.body_source, "Ann's second thoughts.");
    let (_, page) = ann.get(&app, &location).await;
    assert!(page.contains("Ann's second thoughts."), "{page}");
}

async fn live_fragments_under_embed_carry_the_frame_members_controls(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, _) = reader(&app, site, "host-ann", "Ann Host", "Ann's comment.").await;
    let (_bob, other) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;

    // The frame's script fetches live comments from the embed's route it names.
    let (_, page) = ann.get(&app, &frame_path(site)).await;
    assert_eq!(
        attrs(&html(&page), "#comments", "data-actions-base"),
        ["/embed"]
    );

    let (status, page) = ann
        .get(&app, &format!("/embed/comments/{other}/fragment"))
        .await;
    assert_eq!(status, 200, "{page}");
    let doc = html(&page);
    assert_eq!(
        attrs(&doc, "button[name=like]", "value"),
        [other.to_string()]
    );
    assert_eq!(
        attrs(&doc, ".comment-actions a[href$='/report']", "href"),
        [format!("/embed/comments/{other}/report")]
    );
    // The whole site's fragment never receives the frame's cookie: no controls there.
    let (status, page) = ann.get(&app, &format!("/comments/{other}/fragment")).await;
    assert_eq!(status, 200, "{page}");
    assert!(attrs(&html(&page), "button[name=like]", "value").is_empty());
}

async fn the_frames_forms_have_no_site_header_or_footer(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, own) = reader(&app, site, "host-ann", "Ann Host", "Ann's comment.").await;
    let (_bob, other) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;

    for path in [
        format!("/embed/comments/{own}/edit"),
        format!("/embed/comments/{other}/report"),
    ] {
        let (status, page) = ann.get(&app, &path).await;
        assert_eq!(status, 200, "{page}");
        let doc = html(&page);
        assert_eq!(attrs(&doc, "html", "class"), ["embedded"], "{path}");
        assert!(attrs(&doc, "header.masthead", "class").is_empty(), "{path}");
        assert!(attrs(&doc, "footer", "class").is_empty(), "{path}");
        assert_eq!(attrs(&doc, "main", "class"), ["embed-main"], "{path}");
        // Nothing on the page leads out of the frame's routes but the conversation's links.
        for href in attrs(&doc, "a", "href") {
            assert!(
                href.starts_with("/embed/") || href.starts_with('#'),
                "{path}: {href}"
            );
        }
    }
}

/// The host origin a page names for the frame's script, and whether it loads that script.
fn host_of(page: &str) -> (Vec<String>, bool) {
    let doc = html(page);
    let script = attrs(&doc, "script[src]", "src")
        .iter()
        .any(|s| s == "/embed/frame.js");
    (attrs(&doc, "html", "data-host-origin"), script)
}

async fn the_frames_forms_tell_only_a_checked_host_their_height(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let (mut ann, own) = reader(&app, site, "host-ann", "Ann Host", "Ann's comment.").await;
    let (_bob, other) = reader(&app, site, "host-bob", "Bob Host", "Bob's comment.").await;
    let report = format!("/embed/comments/{other}/report");
    let edit = format!("/embed/comments/{own}/edit");

    // Inside the frame, the forms and the pages they answer with name the host page's origin
    // (one of the site's) and load the frame's script, as the thread does.
    for path in [&report, &edit] {
        let (status, csp, page) = framed_get(&mut ann, &app, path).await;
        assert_eq!(status, 200, "{page}");
        assert!(csp.contains(&format!("frame-ancestors {BLOG}")), "{csp}");
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert_eq!(host_of(&page), (vec![BLOG.to_owned()], true), "{path}");
    }
    let (_, _, page) = framed_get(&mut ann, &app, &report).await;
    let csrf = attrs(&html(&page), "form.stack input[name=csrf]", "value").remove(0);
    let (status, _, page) = plain_post(
        &mut ann,
        &app,
        &report,
        &[("csrf", &csrf), ("reason", "nonsense")],
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(host_of(&page), (vec![BLOG.to_owned()], true));
    let (status, _, page) = plain_post(
        &mut ann,
        &app,
        &report,
        &[("csrf", &csrf), ("reason", "spam")],
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(host_of(&page), (vec![BLOG.to_owned()], true));
    let (status, _, page) =
        plain_post(&mut ann, &app, &edit, &[("csrf", &csrf), ("body", " ")]).await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(host_of(&page), (vec![BLOG.to_owned()], true));

    // The whole site's own forms are no frame's: no host, no frame script.
    let carl = app.member("carl").await;
    let page = carl.page(&format!("/comments/{other}/report")).await;
    assert!(page.contains("form"), "{page}");
    assert_eq!(host_of(&page), (vec![], false));

    // Once the site no longer names the page's origin, no host is told anything.
    let moved = Origin::parse("https://elsewhere.example").unwrap();
    assert!(app.store.set_site_origins(site, &[moved]).await.unwrap());
    let (status, csp, page) = framed_get(&mut ann, &app, &report).await;
    assert_eq!(status, 200, "{page}");
    assert!(!csp.contains(BLOG), "{csp}");
    assert_eq!(host_of(&page), (vec![], false));
}
