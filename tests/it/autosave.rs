//! Autosave of the editor's working copy over real HTTP, on SQLite and PostgreSQL: it keeps the
//! typed fields without a revision, is offered back on reopening (restore or discard), is
//! refused with 409 once someone saved a newer revision (keeping nothing), and is held to the
//! editor's role checks and the sizes a save takes. A new article never saved is autosaved too,
//! once per writer and without making an article, and offered back on the new-article page.

use crate::common::{Member, TestApp, attrs, html, texts};
use crate::newsroom::{create, fields, revision, save, staff};
use broadsheet::domain::user::{Email, Role};

backend_tests!(
    autosave_keeps_the_working_copy_without_a_revision_and_offers_it_back,
    an_autosave_over_a_newer_revision_is_refused_and_keeps_nothing,
    only_those_who_may_edit_autosave_and_sizes_are_limited,
    a_new_article_is_autosaved_once_per_writer_and_offered_back_until_saved,
);

const NEW: &str = "/admin/articles/new";

/// Sends the editor form to the autosave address as the script does (asking for JSON).
async fn autosave(
    app: &TestApp,
    m: &Member,
    id: i64,
    base: &str,
    f: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    autosave_at(app, m, &format!("/admin/articles/{id}"), base, f).await
}

/// Sends the editor form at `page` to its autosave address, as the script does.
async fn autosave_at(
    app: &TestApp,
    m: &Member,
    page: &str,
    base: &str,
    f: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let mut form: Vec<(&str, &str)> = vec![("csrf", &m.csrf), ("revision", base)];
    form.extend_from_slice(f);
    let r = m
        .client
        .post(app.url(&format!("{page}/autosave")))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, json)
}

/// Asks to autosave a body of 3 MiB by its `Content-Length` alone, as the script would (JSON).
async fn declared_too_large(app: &TestApp, id: i64) -> (u16, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut conn = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let request = format!(
        "POST /admin/articles/{id}/autosave HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        3 * 1024 * 1024
    );
    conn.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    let json = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {response}"));
    (status, json)
}

async fn user_id(app: &TestApp, m: &Member) -> i64 {
    app.store
        .user_by_email(&Email::parse(&m.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The body of `user`'s autosave of article `id`.
async fn kept_body(app: &TestApp, id: i64, user: i64) -> String {
    app.store
        .autosaved(id, user)
        .await
        .unwrap()
        .unwrap()
        .fields
        .body
}

fn offer(page: &str) -> Vec<String> {
    texts(&html(page), ".autosave-offer button")
}

/// Asserts that `page` offers an autosaved draft, to restore or to discard.
fn assert_offered(page: &str) {
    let offered = offer(page);
    assert_eq!(offered.len(), 2, "{page}");
    assert!(
        offered[0].starts_with("Restore the autosaved draft from "),
        "{offered:?}"
    );
    assert_eq!(offered[1], "Discard it");
}

async fn autosave_keeps_the_working_copy_without_a_revision_and_offers_it_back(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&editor, &fields("Rain record", "Line one.")).await;
    let base = revision(&editor, id).await;
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    let doc = html(&page);
    // The status line carries the address and words the script uses, and loads it.
    assert_eq!(
        attrs(&doc, "#autosave-status", "data-autosave"),
        [format!("/admin/articles/{id}/autosave")]
    );
    assert_eq!(attrs(&doc, "#autosave-status", "role"), ["status"]);
    assert_eq!(
        attrs(&doc, "script[src^='/static/autosave.']", "defer"),
        [""]
    );
    assert!(offer(&page).is_empty(), "nothing autosaved yet");

    app.clock.advance(chrono::Duration::minutes(2));
    let typed = fields("Rain record", "Line one.\r\nLine two, typed.");
    let (status, answer) = autosave(&app, &editor, id, &base, &typed).await;
    assert_eq!(status, 200, "{answer}");
    let said = answer["status"].as_str().unwrap();
    assert!(said.starts_with("Saved at "), "{said}");
    // Again, a few seconds later: still one autosave, and still no revision.
    app.clock.advance(chrono::Duration::seconds(5));
    let typed = fields("Rain record", "Line one.\r\nLine two, typed again.");
    assert_eq!(autosave(&app, &editor, id, &base, &typed).await.0, 200);
    assert_eq!(app.store.revisions(id).await.unwrap().len(), 1);
    assert_eq!(revision(&editor, id).await, base);
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(texts(&html(&page), "#e-body").join(""), "Line one.");

    // Reopened: the newer autosave is offered, to restore or to discard.
    assert_offered(&page);
    let page = editor
        .page(&format!("/admin/articles/{id}?autosave=restore"))
        .await;
    let doc = html(&page);
    assert_eq!(
        texts(&doc, "#e-body").join(""),
        "Line one. Line two, typed again."
    );
    assert_eq!(
        attrs(&doc, "input[name=revision]", "value"),
        [base.as_str()]
    );
    assert!(
        texts(&doc, ".notice")
            .join(" ")
            .contains("Save it to keep it")
    );

    // Saved as a revision, the autosave is gone.
    assert_eq!(save(&editor, id, &base, &typed, "save").await, 303);
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert!(offer(&page).is_empty());
    let me = user_id(&app, &editor).await;
    assert!(app.store.autosaved(id, me).await.unwrap().is_none());

    // One the editor does not want is discarded.
    let base = revision(&editor, id).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let typed = fields("Rain record", "Something to throw away.");
    assert_eq!(autosave(&app, &editor, id, &base, &typed).await.0, 200);
    assert_eq!(
        offer(&editor.page(&format!("/admin/articles/{id}")).await).len(),
        2
    );
    let r = editor
        .post(&format!("/admin/articles/{id}/autosave/discard"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert!(offer(&page).is_empty());
    assert!(
        texts(&html(&page), "#e-body")
            .join("")
            .contains("Line two, typed again.")
    );
}

async fn an_autosave_over_a_newer_revision_is_refused_and_keeps_nothing(app: TestApp) {
    let alice = staff(&app, "Alice", Role::Editor).await;
    let bob = staff(&app, "Bob", Role::Editor).await;
    let id = create(&alice, &fields("Council vote", "Shared start.")).await;
    let opened_by_bob = revision(&bob, id).await;
    let opened_by_alice = revision(&alice, id).await;
    let bobs = fields("Council vote", "Shared start.\nBob's paragraph.");
    assert_eq!(autosave(&app, &bob, id, &opened_by_bob, &bobs).await.0, 200);

    app.clock.advance(chrono::Duration::minutes(1));
    let alices = fields("Council vote", "Shared start.\nAlice's paragraph.");
    assert_eq!(
        save(&alice, id, &opened_by_alice, &alices, "save").await,
        303
    );

    // Bob's next autosave is based on the revision Alice replaced: refused, with who and why.
    app.clock.advance(chrono::Duration::minutes(1));
    let more = fields("Council vote", "Shared start.\nBob's paragraph, longer.");
    let (status, answer) = autosave(&app, &bob, id, &opened_by_bob, &more).await;
    assert_eq!(status, 409, "{answer}");
    let error = answer["error"].as_str().unwrap();
    assert!(
        error.starts_with("Alice saved a newer revision at "),
        "{error}"
    );
    assert!(error.contains("autosave has stopped"), "{error}");
    // Nothing of Bob's replaced Alice's revision or his earlier autosave.
    let b = user_id(&app, &bob).await;
    let kept = app.store.autosaved(id, b).await.unwrap().unwrap();
    assert_eq!(kept.fields.body, "Shared start.\nBob's paragraph.");
    let page = alice.page(&format!("/admin/articles/{id}")).await;
    assert!(
        texts(&html(&page), "#e-body")
            .join("")
            .contains("Alice's paragraph.")
    );
    // Alice's revision is newer than Bob's autosave: it is not offered to him.
    let page = bob.page(&format!("/admin/articles/{id}")).await;
    assert!(offer(&page).is_empty(), "{page}");
}

async fn only_those_who_may_edit_autosave_and_sizes_are_limited(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let other = staff(&app, "Other", Role::Contributor).await;
    let reader = app.member("Reader").await;
    let id = create(&writer, &fields("Tide tables", "Low water at six.")).await;
    let base = revision(&writer, id).await;
    let f = fields("Tide tables", "Low water at six, and high at noon.");
    assert_eq!(autosave(&app, &writer, id, &base, &f).await.0, 200);
    // Another contributor, a member and a visitor may not autosave it.
    assert_eq!(autosave(&app, &other, id, &base, &f).await.0, 403);
    assert_eq!(autosave(&app, &reader, id, &base, &f).await.0, 403);
    let anon = crate::common::client()
        .post(app.url(&format!("/admin/articles/{id}/autosave")))
        .header("accept", "application/json")
        .form(&[("revision", base.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    // Without the form's CSRF token, nothing is kept.
    let forged = writer
        .client
        .post(app.url(&format!("/admin/articles/{id}/autosave")))
        .header("accept", "application/json")
        .form(&[("revision", base.as_str()), ("body", "Forged.")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let w = user_id(&app, &writer).await;
    assert!(kept_body(&app, id, w).await.contains("noon"));

    // Larger than a save takes: refused with what to do.
    let long = "t".repeat(301);
    let mut too_long = fields("Tide tables", "Body.");
    too_long[0].1 = &long;
    let (status, answer) = autosave(&app, &writer, id, &base, &too_long).await;
    assert_eq!(status, 413, "{answer}");
    assert_eq!(
        answer["error"],
        "A field is longer than the form allows, so this draft was not autosaved. Shorten it to \
         go on autosaving."
    );
    // A body over the request limit, declared and not sent: the server refuses it before
    // reading, so no client is left writing into a closed connection.
    let (status, answer) = declared_too_large(&app, id).await;
    assert_eq!(status, 413);
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("larger than this site accepts"),
        "{answer}"
    );
    assert!(kept_body(&app, id, w).await.contains("noon"));

    // Submitted for review, the article is the editors': its writer no longer autosaves it.
    assert_eq!(save(&writer, id, &base, &f, "submit").await, 303);
    assert_eq!(autosave(&app, &writer, id, "2", &f).await.0, 403);
}

/// The body of `user`'s autosaved new article.
async fn kept_new_body(app: &TestApp, user: i64) -> Option<String> {
    let kept = app.store.autosaved_new(user).await.unwrap();
    kept.map(|a| a.fields.body)
}

async fn a_new_article_is_autosaved_once_per_writer_and_offered_back_until_saved(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let other = staff(&app, "Other", Role::Contributor).await;
    let reader = app.member("Reader").await;
    let w = user_id(&app, &writer).await;
    // The new-article page autosaves to its own address, and has nothing to offer yet.
    let page = writer.page(NEW).await;
    let doc = html(&page);
    assert_eq!(
        attrs(&doc, "#autosave-status", "data-autosave"),
        ["/admin/articles/new/autosave"]
    );
    assert_eq!(
        attrs(&doc, "script[src^='/static/autosave.']", "defer"),
        [""]
    );
    assert!(offer(&page).is_empty());

    // Half typed (no headline, no section yet): kept, twice, as one working copy.
    let mut typed = fields("", "A long piece, begun.");
    typed[3].1 = "";
    let (status, answer) = autosave_at(&app, &writer, NEW, "0", &typed).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer["status"].as_str().unwrap().starts_with("Saved at "));
    app.clock.advance(chrono::Duration::seconds(5));
    typed[6].1 = "A long piece, begun.\r\nAnd carried on.";
    assert_eq!(autosave_at(&app, &writer, NEW, "0", &typed).await.0, 200);
    assert_eq!(
        kept_new_body(&app, w).await.as_deref(),
        Some("A long piece, begun.\nAnd carried on.")
    );
    // Typing alone made no article.
    let everything = Default::default();
    let listed = app.store.newsroom_list(&everything, app.clock.now()).await;
    assert!(listed.unwrap().is_empty());

    // Opened again, the new-article page offers it back to its writer only.
    assert!(offer(&other.page(NEW).await).is_empty());
    let page = writer.page(NEW).await;
    assert_offered(&page);
    let said = texts(&html(&page), ".autosave-offer p").join("");
    assert!(
        said.starts_with("A new article you were writing was autosaved at "),
        "{said}"
    );
    assert_eq!(texts(&html(&page), "#e-body").join(""), "");
    let page = writer.page(&format!("{NEW}?autosave=restore")).await;
    let doc = html(&page);
    assert_eq!(
        texts(&doc, "#e-body").join(""),
        "A long piece, begun. And carried on."
    );
    assert_eq!(attrs(&doc, "form.editor", "action"), [NEW]);
    assert!(
        texts(&doc, ".notice")
            .join(" ")
            .contains("Save it to keep it")
    );

    // Only a signed-in writer with the form's token, and no larger than a save takes.
    let forged = writer
        .client
        .post(app.url(&format!("{NEW}/autosave")))
        .header("accept", "application/json")
        .form(&[("body", "Forged.")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(autosave_at(&app, &reader, NEW, "0", &typed).await.0, 403);
    let anon = crate::common::client()
        .post(app.url(&format!("{NEW}/autosave")))
        .header("accept", "application/json")
        .form(&[("body", "Anonymous.")])
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    let long = "t".repeat(301);
    let mut too_long = typed.clone();
    too_long[0].1 = &long;
    assert_eq!(autosave_at(&app, &writer, NEW, "0", &too_long).await.0, 413);
    assert!(
        kept_new_body(&app, w)
            .await
            .unwrap()
            .ends_with("carried on.")
    );

    // Discarded, it is gone; autosaved again and saved as an article, it is gone too.
    let r = writer.post(&format!("{NEW}/autosave/discard"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], NEW);
    assert!(offer(&writer.page(NEW).await).is_empty());
    let whole = fields("Harbour piece", "Finished at last.");
    assert_eq!(autosave_at(&app, &writer, NEW, "0", &whole).await.0, 200);
    assert!(kept_new_body(&app, w).await.is_some());
    create(&writer, &whole).await;
    assert_eq!(kept_new_body(&app, w).await, None);
    assert!(offer(&writer.page(NEW).await).is_empty());
}
