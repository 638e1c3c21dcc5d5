//! The host token's id and the site's secret, on SQLite and PostgreSQL: a token with a `jti`
//! signs a reader in once while it lives (the ids are kept in the database every process
//! reads), and rotating a site's secret ends the frame sessions its host sign-in started while
//! those from the sign-in popup stay.

use serde_json::Value;

use crate::common::TestApp;
use crate::embed_signin::{Frame, SECRET, claims, frame_path, popup_code, sign, with_site};
use broadsheet::domain::user::Role;

backend_tests!(
    a_token_with_an_id_signs_in_once,
    rotating_the_secret_ends_the_host_sign_in_sessions,
);

async fn refused(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn a_token_with_an_id_signs_in_once(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let mut with_id = claims(&app, site, "host-1", "Host Reader");
    with_id["jti"] = "page-view-1".into();
    let token = sign(&with_id, SECRET);
    assert_eq!(
        Frame::new().host_signin(&app, site, &token).await.status(),
        204
    );
    // The same token again (replayed by whoever saw it): refused, saying why.
    let (status, error) = refused(Frame::new().host_signin(&app, site, &token).await).await;
    assert_eq!(status, 422);
    assert!(error.contains("was used already"), "{error}");
    // A fresh id is a fresh token.
    with_id["jti"] = "page-view-2".into();
    let fresh = sign(&with_id, SECRET);
    assert_eq!(
        Frame::new().host_signin(&app, site, &fresh).await.status(),
        204
    );
    // Without an id a token works while it lives, as before.
    let plain = sign(&claims(&app, site, "host-1", "Host Reader"), SECRET);
    for _ in 0..2 {
        assert_eq!(
            Frame::new().host_signin(&app, site, &plain).await.status(),
            204
        );
    }
    // Once the first token has expired, its id is forgotten (and the token refused as expired).
    app.clock.advance(chrono::Duration::minutes(20));
    let (status, error) = refused(Frame::new().host_signin(&app, site, &token).await).await;
    assert_eq!(status, 422);
    assert!(error.contains("expired"), "{error}");
}

async fn rotating_the_secret_ends_the_host_sign_in_sessions(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let mut host = Frame::new();
    let token = sign(&claims(&app, site, "host-2", "Host Reader"), SECRET);
    assert_eq!(host.host_signin(&app, site, &token).await.status(), 204);
    // A member signed in through the popup holds a frame session of the same site.
    let ada = app.member("Ada").await;
    let code = popup_code(&ada, site).await;
    let mut popup = Frame::new();
    let (csrf, s) = popup.open(&app, site).await;
    let r = popup
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf), ("site", &s), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 204);
    for frame in [&mut host, &mut popup] {
        let (_, page) = frame.get(&app, &frame_path(site)).await;
        assert!(page.contains("Signed in as"), "{page}");
    }

    let admin = app.member("Ann").await;
    admin.promote(&app, Role::Admin).await;
    let r = admin
        .post(&format!("/admin/sites/{}/secret", site.0), &[])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    let (_, page) = host.get(&app, &frame_path(site)).await;
    assert!(
        !page.contains("Signed in as"),
        "the host's session outlived the secret"
    );
    let (_, page) = popup.get(&app, &frame_path(site)).await;
    assert!(page.contains("Signed in as Ada"), "{page}");
    // The old secret's tokens no longer sign anyone in.
    let (status, error) = refused(host.host_signin(&app, site, &token).await).await;
    assert_eq!(status, 422);
    assert!(error.contains("signature"), "{error}");
}
