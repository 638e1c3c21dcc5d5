//! The conversation over real HTTP, on SQLite and PostgreSQL: posting, Markdown and hostile
//! input, threading, editing within the window, deleting, likes, reports, sorting, paging,
//! rate limits, the JSON answers the script uses, live updates, and the cost of a busy thread.

use std::time::Duration;

use crate::common::{self, TestApp, article, attrs, html, texts};

backend_tests!(
    signed_in_members_see_the_form_and_post_comments,
    comment_markdown_is_a_safe_subset_and_html_is_text,
    bad_comments_come_back_with_the_text_and_a_specific_message,
    replies_nest_three_deep_then_flatten_with_the_name,
    replies_to_missing_or_foreign_comments_are_refused,
    authors_edit_within_fifteen_minutes,
    deleting_leaves_a_tombstone_that_keeps_replies,
    likes_are_one_per_member_and_toggle,
    reports_need_a_reason_and_count_once,
    threads_sort_and_page_fifty_at_a_time,
    posting_is_rate_limited_per_member,
    signed_out_visitors_are_sent_to_sign_in,
    the_script_gets_json_answers,
    new_comments_arrive_live_over_server_sent_events,
    a_busy_thread_costs_the_same_queries_as_a_quiet_one,
    every_control_works_as_a_plain_form_on_the_page,
    a_members_controls_weigh_little,
);

async fn signed_in_members_see_the_form_and_post_comments(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let doc = html(&ada.page("/articles/story").await);
    assert_eq!(texts(&doc, "label[for=comment-body]"), vec!["Comment"]);
    assert_eq!(
        texts(&doc, "#comment-form button[type=submit]"),
        vec!["Post comment"]
    );
    assert!(
        texts(&doc, "#comments .join").is_empty(),
        "no sign-in invitation for members"
    );

    let r = ada
        .post(
            "/articles/story/comments",
            &[("body", "A *first* thought.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/articles/story#comment-"),
        "{location}"
    );
    let id: i64 = location.rsplit('-').next().unwrap().parse().unwrap();

    // Everyone sees it, with its author and time, in an <article>.
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (1)"]);
    let sel = format!("article#comment-{id}");
    assert_eq!(texts(&doc, &format!("{sel} .comment-author")), vec!["Ada"]);
    assert_eq!(
        attrs(&doc, &format!("{sel} time"), "datetime"),
        vec!["2026-06-01T12:00:00Z"]
    );
    assert!(doc.html().contains("A <em>first</em> thought."));
    assert!(
        texts(&doc, ".no-comments").is_empty(),
        "no empty state once there is a comment"
    );
    // Listings show the same count.
    let front = html(&app.page("/", 200).await);
    assert_eq!(texts(&front, ".lead .comment-count"), vec!["1 comment"]);
    let section = html(&app.page("/sections/science", 200).await);
    assert_eq!(texts(&section, ".comment-count"), vec!["1 comment"]);
    // Readers get no actions; another member can reply, like and report, not edit or delete.
    assert!(
        texts(
            &doc,
            &format!("{sel} .comment-actions a, {sel} .comment-actions button")
        )
        .is_empty()
    );
    let bob = app.member("Bob").await;
    let doc = html(&bob.page("/articles/story").await);
    let actions = texts(
        &doc,
        &format!("{sel} .comment-actions a, {sel} .comment-actions button"),
    );
    assert_eq!(actions, vec!["Like", "Reply", "Report", "Mute"]);
    let doc = html(&ada.page("/articles/story").await);
    let actions = texts(
        &doc,
        &format!("{sel} .comment-actions a, {sel} .comment-actions button"),
    );
    assert_eq!(actions, vec!["Reply", "Edit", "Delete"]);
}

async fn comment_markdown_is_a_safe_subset_and_html_is_text(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[click](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "\"><iframe src=\"javascript:alert(1)\">",
        "<details open ontoggle=alert(1)>",
        "![pic](https://example.org/p.png)",
    ];
    for (i, p) in payloads.iter().enumerate() {
        // The first three (no links) make Ada's record; a day on she is no longer a new
        // member, so her links are shown rather than held.
        if i == 3 {
            app.clock.advance(chrono::Duration::days(1));
        }
        ada.comment("story", None, p).await;
    }
    ada.comment(
        "story",
        None,
        "See [the report](https://example.org/r) and `code`.\n\n> quoted\n\n- a\n- b",
    )
    .await;
    let body = app.page("/articles/story", 200).await;
    let doc = html(&body);
    let bodies = scraper::Selector::parse(".comment-body").unwrap();
    let mut count = 0;
    for b in doc.select(&bodies) {
        count += 1;
        for el in b
            .descendants()
            .skip(1)
            .filter_map(scraper::ElementRef::wrap)
        {
            let name = el.value().name();
            assert!(
                [
                    "p",
                    "em",
                    "strong",
                    "code",
                    "a",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "pre",
                    "del",
                    "br"
                ]
                .contains(&name),
                "element <{name}> in a comment: {}",
                b.html()
            );
            for (attr, value) in el.value().attrs() {
                assert!(!attr.starts_with("on"), "{attr} in {}", b.html());
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{value}"
                );
            }
        }
    }
    assert_eq!(count, payloads.len() + 1);
    // Raw HTML is shown as the text that was typed.
    let text = texts(&doc, ".comment-body").join("\n");
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(text.contains("<details open ontoggle=alert(1)>"), "{text}");
    assert!(
        body.contains(
            r#"<a href="https://example.org/r" rel="nofollow ugc noopener">the report</a>"#
        )
    );
    assert!(body.contains("<blockquote>") && body.contains("<code>code</code>"));
}

async fn bad_comments_come_back_with_the_text_and_a_specific_message(app: TestApp) {
    let small = TestApp::start_with(app.backend, |c| c.max_comment_chars = 40)
        .await
        .unwrap();
    small.publish(&[article("story", "Science", 5)]).await;
    let ada = small.member("Ada").await;
    let long = "This sentence is longer than forty characters, clearly.";
    for (body, status, message) in [
        ("   \n  ", 422, "the comment is empty"),
        (long, 422, "is 55 characters long; the limit is 40"),
    ] {
        let r = ada
            .post("/articles/story/comments", &[("body", body)])
            .await;
        assert_eq!(r.status(), status);
        let doc = html(&r.text().await.unwrap());
        let shown = texts(&doc, "#comment-error").join(" ");
        assert!(shown.contains(message), "expected “{message}” in “{shown}”");
        assert_eq!(
            texts(&doc, "textarea#comment-body"),
            vec![body.split_whitespace().collect::<Vec<_>>().join(" ")]
        );
        assert_eq!(
            attrs(&doc, "textarea#comment-body", "aria-invalid"),
            vec!["true"]
        );
    }
    // The honeypot.
    let r = ada
        .post(
            "/articles/story/comments",
            &[("body", "buy now"), ("website", "x")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        small
            .page("/articles/story", 200)
            .await
            .matches("class=\"comment\"")
            .count(),
        0
    );
    // A comment on an article that does not exist.
    assert_eq!(
        ada.post("/articles/nope/comments", &[("body", "hello")])
            .await
            .status(),
        404
    );
}

async fn replies_nest_three_deep_then_flatten_with_the_name(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let names = ["Ann", "Ben", "Cat", "Dan", "Eve", "Fay"];
    let mut members = Vec::new();
    for n in names {
        members.push(app.member(n).await);
    }
    // A chain: Ann ← Ben ← Cat ← Dan ← Eve ← Fay (depths 0 to 5).
    let mut ids = Vec::new();
    let mut parent = None;
    for (i, m) in members.iter().enumerate() {
        app.clock.advance(chrono::Duration::seconds(10));
        let id = m.comment("story", parent, &format!("level {i}")).await;
        ids.push(id);
        parent = Some(id);
    }
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (6)"]);
    let depth = |id: i64| {
        let sel = scraper::Selector::parse(&format!("#comment-{id}")).unwrap();
        let el = doc.select(&sel).next().unwrap();
        el.ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|a| a.value().name() == "ol" && a.value().classes().any(|c| c == "replies"))
            .count()
    };
    let depths: Vec<usize> = ids.iter().map(|id| depth(*id)).collect();
    assert_eq!(
        depths,
        vec![0, 1, 2, 3, 3, 3],
        "nested to three levels, then flat"
    );
    // The flattened replies say whom they answer; the nested ones need not.
    assert_eq!(
        texts(&doc, &format!("#comment-{} .replying-to", ids[4])),
        vec!["replying to Dan"]
    );
    assert_eq!(
        texts(&doc, &format!("#comment-{} .replying-to", ids[5])),
        vec!["replying to Eve"]
    );
    assert!(texts(&doc, &format!("#comment-{} .replying-to", ids[3])).is_empty());
    // A flattened reply fetched on its own (for live updates) still names whom it answers.
    let fragment = app
        .page(&format!("/comments/{}/fragment", ids[5]), 200)
        .await;
    assert_eq!(
        texts(&html(&fragment), ".replying-to"),
        vec!["replying to Eve"]
    );
    // Each has a permalink to its anchor.
    assert_eq!(
        attrs(&doc, &format!("#comment-{} a.permalink", ids[2]), "href"),
        vec![format!("/articles/story#comment-{}", ids[2])]
    );
    // Without JavaScript, Reply opens the form aimed at that comment.
    let doc = html(
        &members[0]
            .page(&format!("/articles/story?reply={}", ids[1]))
            .await,
    );
    assert_eq!(
        attrs(&doc, "#comment-form input[name=parent_id]", "value"),
        vec![ids[1].to_string()]
    );
    assert!(texts(&doc, ".replying-notice")[0].starts_with("Replying to Ben"));
}

async fn replies_to_missing_or_foreign_comments_are_refused(app: TestApp) {
    app.publish(&[
        article("story", "Science", 5),
        article("other", "Science", 6),
    ])
    .await;
    let ada = app.member("Ada").await;
    let elsewhere = ada.comment("other", None, "On the other story").await;
    for (parent, message) in [
        (elsewhere.to_string(), "belongs to another article"),
        ("999999".to_owned(), "does not exist"),
    ] {
        let r = ada
            .post(
                "/articles/story/comments",
                &[("body", "My careful reply"), ("parent_id", &parent)],
            )
            .await;
        assert_eq!(r.status(), 422);
        let doc = html(&r.text().await.unwrap());
        assert!(texts(&doc, "#comment-error").join(" ").contains(message));
        assert_eq!(
            texts(&doc, "textarea#comment-body"),
            vec!["My careful reply"],
            "the text is kept"
        );
    }
    let mine = ada.comment("story", None, "Soon deleted").await;
    ada.post(&format!("/comments/{mine}/delete"), &[]).await;
    let r = ada
        .post(
            "/articles/story/comments",
            &[("body", "Too late"), ("parent_id", &mine.to_string())],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("has been deleted"));
}

async fn authors_edit_within_fifteen_minutes(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let id = ada.comment("story", None, "Teh first draft").await;
    let doc = html(&ada.page(&format!("/comments/{id}/edit")).await);
    assert_eq!(
        texts(&doc, "textarea#comment-body"),
        vec!["Teh first draft"]
    );
    assert_eq!(texts(&doc, "label[for=comment-body]"), vec!["Comment"]);
    app.clock.advance(chrono::Duration::minutes(14));
    let r = ada
        .post(
            &format!("/comments/{id}/edit"),
            &[("body", "The first draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .comment-body")),
        vec!["The first draft"]
    );
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .edited")),
        vec!["(edited)"]
    );
    // Not someone else's.
    assert_eq!(
        bob.post(&format!("/comments/{id}/edit"), &[("body", "hijacked")])
            .await
            .status(),
        403
    );
    // Not after the window: refused, with the text kept.
    app.clock.advance(chrono::Duration::minutes(2));
    let r = ada
        .post(
            &format!("/comments/{id}/edit"),
            &[("body", "A late second thought")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, "[role=alert]")
            .join(" ")
            .contains("15 minutes for editing this comment have passed")
    );
    assert_eq!(
        texts(&doc, "textarea#comment-body"),
        vec!["A late second thought"]
    );
    let doc = html(&ada.page("/articles/story").await);
    assert!(
        texts(&doc, &format!("#comment-{id} .comment-actions a"))
            .iter()
            .all(|a| a != "Edit"),
        "no Edit after the window"
    );
}

async fn deleting_leaves_a_tombstone_that_keeps_replies(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let root = ada.comment("story", None, "Original point").await;
    let reply = bob.comment("story", Some(root), "A reply to keep").await;
    let lonely = ada.comment("story", None, "Nobody answered").await;
    assert_eq!(
        bob.post(&format!("/comments/{root}/delete"), &[])
            .await
            .status(),
        403,
        "only the author"
    );
    assert_eq!(
        ada.post(&format!("/comments/{root}/delete"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        ada.post(&format!("/comments/{lonely}/delete"), &[])
            .await
            .status(),
        303
    );
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (1)"]);
    assert_eq!(
        texts(&doc, &format!("#comment-{root} .comment-body")),
        vec!["This comment was deleted."]
    );
    assert_eq!(
        texts(&doc, &format!("#comment-{root} .comment-author")),
        vec!["[deleted]"]
    );
    assert!(!doc.html().contains("Original point"));
    assert_eq!(
        texts(&doc, &format!("#comment-{reply} .comment-body")),
        vec!["A reply to keep"]
    );
    assert!(
        texts(&doc, &format!("#comment-{lonely}")).is_empty(),
        "a tombstone with no replies is not shown"
    );
    // The text is kept (hidden), not destroyed.
    assert_eq!(
        app.store.comment(root).await.unwrap().unwrap().body_source,
        "Original point"
    );
}

async fn likes_are_one_per_member_and_toggle(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let cat = app.member("Cat").await;
    let id = ada.comment("story", None, "Like me").await;
    async fn like_as(m: &common::Member, id: i64, v: &str) -> reqwest::Response {
        m.post(&format!("/comments/{id}/like"), &[("like", v)])
            .await
    }
    assert_eq!(like_as(&bob, id, "1").await.status(), 303);
    assert_eq!(like_as(&cat, id, "1").await.status(), 303);
    let doc = html(&bob.page("/articles/story").await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .likes")),
        vec!["2 likes"]
    );
    assert_eq!(
        attrs(
            &doc,
            &format!("#comment-{id} button[aria-pressed]"),
            "aria-pressed"
        ),
        vec!["true"]
    );
    assert_eq!(
        attrs(&doc, &format!("#comment-{id} button[aria-pressed]"), "name"),
        vec!["unlike"],
        "pressing it again takes the like back"
    );
    let r = like_as(&bob, id, "1").await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("You already like this comment.")
    );
    let r = like_as(&ada, id, "1").await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("cannot like your own comment")
    );
    assert_eq!(like_as(&bob, id, "0").await.status(), 303);
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .likes")),
        vec!["1 like"]
    );
    assert_eq!(
        like_as(&bob, id, "0").await.status(),
        409,
        "nothing to take back"
    );
}

async fn reports_need_a_reason_and_count_once(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let id = ada.comment("story", None, "Questionable").await;
    let doc = html(&bob.page(&format!("/comments/{id}/report")).await);
    assert_eq!(
        attrs(&doc, "input[name=reason]", "value"),
        vec!["spam", "abuse", "off-topic", "misinformation", "other"]
    );
    let r = bob
        .post(
            &format!("/comments/{id}/report"),
            &[("reason", "because"), ("note", "my note")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, "[role=alert]")
            .join(" ")
            .contains("Choose a reason")
    );
    assert_eq!(
        texts(&doc, "textarea#note"),
        vec!["my note"],
        "the note is kept"
    );
    let r = bob
        .post(
            &format!("/comments/{id}/report"),
            &[("reason", "spam"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Moderators will look at this comment")
    );
    let r = bob
        .post(&format!("/comments/{id}/report"), &[("reason", "abuse")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("already reported this comment")
    );
    let r = ada
        .post(&format!("/comments/{id}/report"), &[("reason", "spam")])
        .await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("cannot report your own comment")
    );
}

async fn threads_sort_and_page_fifty_at_a_time(app: TestApp) {
    app.publish(&[article("busy", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let mut ids = Vec::new();
    for i in 0..55 {
        app.clock.advance(chrono::Duration::seconds(1));
        ids.push(
            ada.comment("busy", None, &format!("thread number {i}"))
                .await,
        );
    }
    // A reply does not count as a thread, but is shown under its thread.
    let reply = bob.comment("busy", Some(ids[0]), "a reply").await;
    bob.post(&format!("/comments/{}/like", ids[30]), &[("like", "1")])
        .await;
    let thread_ids = |doc: &scraper::Html| -> Vec<i64> {
        attrs(doc, "li.thread > article", "data-comment-id")
            .iter()
            .map(|s| s.parse().unwrap())
            .collect()
    };
    let doc = html(&app.page("/articles/busy", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (56)"]);
    let first = thread_ids(&doc);
    assert_eq!(first, ids[..50].to_vec(), "oldest first by default");
    assert_eq!(texts(&doc, &format!("#comment-{reply}")).len(), 1);
    let more = attrs(&doc, ".show-more a", "href").remove(0);
    let doc = html(&app.page(&more, 200).await);
    assert_eq!(thread_ids(&doc), ids[50..].to_vec());
    assert!(attrs(&doc, ".show-more a", "href").is_empty());
    // Newest first.
    let doc = html(&app.page("/articles/busy?sort=newest", 200).await);
    let newest = thread_ids(&doc);
    assert_eq!(newest[0], ids[54]);
    assert_eq!(newest.len(), 50);
    let more = attrs(&doc, ".show-more a", "href").remove(0);
    assert_eq!(
        thread_ids(&html(&app.page(&more, 200).await)),
        ids[..5].iter().rev().copied().collect::<Vec<_>>()
    );
    // Most liked first.
    let doc = html(&app.page("/articles/busy?sort=liked", 200).await);
    assert_eq!(thread_ids(&doc)[0], ids[30]);
    assert_eq!(
        attrs(&doc, ".comment-sort a[aria-current]", "href"),
        vec!["/articles/busy?sort=liked#comments"]
    );
    // A broken page link gets a readable 400.
    assert_eq!(app.get("/articles/busy?page=garbage").await.status(), 400);
}

async fn posting_is_rate_limited_per_member(app: TestApp) {
    let limited = TestApp::start_with(app.backend, |c| c.comments_per_minute = 5)
        .await
        .unwrap();
    limited.publish(&[article("story", "Science", 5)]).await;
    let ada = limited.member("Ada").await;
    for i in 0..5 {
        ada.comment("story", None, &format!("comment {i}")).await;
    }
    let r = ada
        .post("/articles/story/comments", &[("body", "one too many")])
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, "#comment-error")
            .join(" ")
            .contains("faster than 5 comments a minute")
    );
    assert_eq!(
        texts(&doc, "textarea#comment-body"),
        vec!["one too many"],
        "the text is kept"
    );
    assert_eq!(
        texts(&doc, "#comments-heading"),
        vec!["Comments (5)"],
        "the refused comment is not stored"
    );
    // Another member from the same address is over the address's limit as well.
    let bob = limited.member("Bob").await;
    let r = bob
        .post("/articles/story/comments", &[("body", "mine too")])
        .await;
    assert_eq!(r.status(), 429);
    limited.clock.advance(chrono::Duration::minutes(1));
    ada.comment("story", None, "one too many").await;
    let doc = html(&limited.get("/articles/story").await.text().await.unwrap());
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (6)"]);
}

async fn signed_out_visitors_are_sent_to_sign_in(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let r = app
        .client
        .post(app.url("/articles/story/comments"))
        .form(&[("body", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/signin");
    let r = app.get("/comments/1/report").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/signin?return_to=/comments/1/report"
    );
    // The script is told plainly instead of being redirected.
    let r = app
        .client
        .post(app.url("/articles/story/comments"))
        .header("accept", "application/json")
        .form(&[("body", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"],
        "Sign in to do that."
    );
}

async fn the_script_gets_json_answers(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let post = |m: &common::Member, path: String, fields: Vec<(&'static str, String)>| {
        let mut form: Vec<(String, String)> = vec![("csrf".into(), m.csrf.clone())];
        form.extend(fields.into_iter().map(|(k, v)| (k.to_owned(), v)));
        m.client
            .post(app.url(&path))
            .header("accept", "application/json")
            .form(&form)
            .send()
    };
    let r = post(
        &ada,
        "/articles/story/comments".into(),
        vec![("body", "Via *script*".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let v: serde_json::Value = r.json().await.unwrap();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["count"], 1);
    let fragment = v["html"].as_str().unwrap();
    assert!(
        fragment.contains(&format!("id=\"comment-{id}\""))
            && fragment.contains("Via <em>script</em>")
    );
    let r = post(
        &ada,
        "/articles/story/comments".into(),
        vec![("body", "".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.json::<serde_json::Value>().await.unwrap()["error"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    let r = post(
        &bob,
        format!("/comments/{id}/like"),
        vec![("like", "1".into())],
    )
    .await
    .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"id": id, "liked": true, "likes": 1, "label": "1 like"})
    );
    let r = post(
        &bob,
        format!("/comments/{id}/like"),
        vec![("like", "1".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 409);
    // The fragment endpoint renders one comment as this viewer would see it.
    let r = bob.get(&format!("/comments/{id}/fragment")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-parent-id"], "");
    let doc = html(&r.text().await.unwrap());
    assert_eq!(
        attrs(&doc, "button[aria-pressed]", "aria-pressed"),
        vec!["true"]
    );
    assert_eq!(app.get("/comments/999999/fragment").await.status(), 404);

    // Every refusal answers JSON to a JSON request: a bad token, a bad id, a missing comment.
    let json_refusal = |path: String, form: Vec<(&'static str, String)>, m: &common::Member| {
        m.client
            .post(app.url(&path))
            .header("accept", "application/json")
            .form(&form)
            .send()
    };
    for (path, form, status) in [
        (
            "/articles/story/comments".to_owned(),
            vec![("csrf", "forged".to_owned()), ("body", "x".to_owned())],
            403,
        ),
        (
            "/articles/story/comments".to_owned(),
            vec![
                ("csrf", ada.csrf.clone()),
                ("body", "x".to_owned()),
                ("parent_id", "abc".to_owned()),
            ],
            400,
        ),
        (
            "/comments/999999/like".to_owned(),
            vec![("csrf", ada.csrf.clone()), ("like", "1".to_owned())],
            404,
        ),
    ] {
        let r = json_refusal(path.clone(), form, &ada).await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(r.headers()["content-type"], "application/json", "{path}");
        assert!(
            r.headers().contains_key("content-security-policy"),
            "security headers are kept"
        );
        let v: serde_json::Value = r.json().await.unwrap();
        assert!(!v["error"].as_str().unwrap().is_empty(), "{path}: {v}");
    }
    // The count in the answer is the one the post made.
    let r = post(
        &bob,
        "/articles/story/comments".into(),
        vec![("body", "second".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["count"], 2);
}

/// Reads server-sent events until one named `event` arrives; returns its data.
pub async fn next_event(
    resp: &mut reqwest::Response,
    event: &str,
    within: Duration,
) -> Option<String> {
    let mut buf = String::new();
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let chunk = tokio::time::timeout_at(deadline, resp.chunk())
            .await
            .ok()?
            .ok()??;
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let mut name = "message";
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = if v.trim() == event { event } else { "other" };
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim());
                }
            }
            if name == event {
                return Some(data);
            }
        }
    }
}

async fn new_comments_arrive_live_over_server_sent_events(app: TestApp) {
    app.publish(&[
        article("story", "Science", 5),
        article("other", "Science", 6),
    ])
    .await;
    let ada = app.member("Ada").await;
    let mut stream = common::client()
        .get(app.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    // The stream opens with a comment line at once, not at the first keep-alive (20 s).
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("a first chunk at once")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b": live\n\n");
    // Give the subscription a moment to register before posting.
    tokio::time::sleep(Duration::from_millis(100)).await;
    ada.comment("other", None, "elsewhere").await;
    let id = ada.comment("story", None, "Breaking: live!").await;
    let data = next_event(&mut stream, "comment", Duration::from_secs(3)).await;
    assert_eq!(
        data,
        Some(id.to_string()),
        "the other article's comment is not announced here"
    );
    assert_eq!(app.get("/articles/nope/live").await.status(), 404);
}

async fn a_busy_thread_costs_the_same_queries_as_a_quiet_one(app: TestApp) {
    app.publish(&[
        article("quiet", "Science", 5),
        article("busy", "Science", 6),
    ])
    .await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let q = ada.comment("quiet", None, "only one").await;
    bob.comment("quiet", Some(q), "and a reply").await;
    let mut parent = None;
    for i in 0..120 {
        let id = ada
            .comment(
                "busy",
                if i % 3 == 0 { None } else { parent },
                &format!("c{i}"),
            )
            .await;
        parent = Some(id);
    }
    async fn cost(app: &TestApp, path: &str, m: Option<&common::Member>) -> u64 {
        let before = app.store.query_count();
        let req = match m {
            Some(m) => m.client.get(app.url(path)),
            None => app.client.get(app.url(path)),
        };
        assert_eq!(req.send().await.unwrap().status(), 200);
        app.store.query_count() - before
    }
    let quiet = cost(&app, "/articles/quiet", None).await;
    let busy = cost(&app, "/articles/busy", None).await;
    assert_eq!(quiet, busy, "signed out");
    // Article, bylines and tags, related picks, the comment policy, threads, replies.
    assert!(
        busy <= 7,
        "a signed-out article page with comments costs {busy} queries"
    );
    let quiet = cost(&app, "/articles/quiet", Some(&bob)).await;
    let busy = cost(&app, "/articles/busy", Some(&bob)).await;
    assert_eq!(quiet, busy, "signed in");
    // Signed in adds the session, the member's own held comments (in the same thread
    // queries) and their likes.
    assert!(busy <= 9, "a signed-in article page costs {busy} queries");
}

/// Two `serve` processes on one PostgreSQL: a comment posted through one arrives live on a
/// page stream served by the other (LISTEN/NOTIFY).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_updates_cross_processes_on_postgres() {
    let Some(app) = TestApp::start(common::Backend::Postgres).await else {
        return;
    };
    app.publish(&[article("story", "Science", 5)]).await;
    let data_dir = tempfile::tempdir().unwrap();
    let dir = data_dir.path().to_str().unwrap();
    let one = common::ServerProcess::start(&app.database_url, &["--no-demo", "--data-dir", dir]);
    let two = common::ServerProcess::start(&app.database_url, &["--no-demo", "--data-dir", dir]);
    let mut stream = common::client()
        .get(two.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    // A member signs up and posts through process one.
    let pat = common::member_at(&format!("http://{}", one.addr), data_dir.path(), "Pat").await;
    let c = pat.client.clone();
    let settings = pat.page("/settings").await;
    let r = c
        .post(one.url("/articles/story/comments"))
        .form(&[
            ("csrf", common::csrf_of(&settings).as_str()),
            ("body", "from process one"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let id = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('-')
        .next()
        .unwrap()
        .to_owned();
    let data = next_event(&mut stream, "comment", Duration::from_secs(3)).await;
    assert_eq!(data, Some(id.clone()));
    // And process two renders it (the session made on one is good on two).
    let r = c
        .get(two.url(&format!("/comments/{id}/fragment")))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("from process one"));
    let r = c.get(two.url("/settings")).send().await.unwrap();
    assert_eq!(r.status(), 200, "sessions live in the database");
}

/// Each control a member sees under a comment, used as a browser without JavaScript uses it:
/// following the link, or submitting the page's one actions form with the button's name=value.
async fn every_control_works_as_a_plain_form_on_the_page(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let id = ada.comment("story", None, "Press my buttons").await;
    let scope = format!("#comment-{id} .comment-actions");
    let page = "/articles/story";

    // Like, then Like again (now pressed) to take it back.
    let r = bob.press(page, &scope, "Like", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/articles/story#comment-{id}").as_str()
    );
    let doc = html(&bob.page(page).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .likes")),
        vec!["1 like"]
    );
    assert_eq!(
        attrs(&doc, &format!("{scope} button"), "aria-pressed"),
        vec!["true"]
    );
    assert_eq!(bob.press(page, &scope, "Like", &[]).await.status(), 303);
    let doc = html(&bob.page(page).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .likes")),
        vec!["0 likes"]
    );

    // Reply: the link opens the form set to reply, whose button posts the reply.
    let r = bob.press(page, &scope, "Reply", &[]).await;
    assert_eq!(r.status(), 200);
    let reply_page = format!("/articles/story?reply={id}");
    let doc = html(&r.text().await.unwrap());
    assert_eq!(
        attrs(&doc, "#comment-form input[name=parent_id]", "value"),
        vec![id.to_string()]
    );
    let r = bob
        .press(
            &reply_page,
            "#comment-form",
            "Post comment",
            &[("body", "Pressed reply")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let doc = html(&app.page(page, 200).await);
    assert_eq!(
        texts(
            &doc,
            &format!("li:has(> #comment-{id}) > ol.replies .comment-body")
        ),
        vec!["Pressed reply"]
    );

    // Report opens the report form; Edit opens the edit form (the author's).
    let r = bob.press(page, &scope, "Report", &[]).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("name=\"reason\""));
    let r = ada.press(page, &scope, "Edit", &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        texts(&html(&r.text().await.unwrap()), "textarea#comment-body"),
        vec!["Press my buttons"]
    );

    // Delete, by its author, leaves a tombstone above Bob's reply.
    let r = ada.press(page, &scope, "Delete", &[]).await;
    assert_eq!(r.status(), 303);
    let doc = html(&app.page(page, 200).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .comment-body")),
        vec!["This comment was deleted."]
    );

    // The actions form takes one action at a time, for members, with their token, and only
    // what each may do.
    let other = ada.comment("story", None, "Another").await;
    let other = other.to_string();
    let r = bob
        .post("/comments/actions", &[("like", &other), ("delete", &other)])
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(bob.post("/comments/actions", &[]).await.status(), 400);
    assert_eq!(
        bob.post("/comments/actions", &[("delete", &other)])
            .await
            .status(),
        403,
        "only the author deletes"
    );
    assert_eq!(
        ada.post("/comments/actions", &[("like", &other)])
            .await
            .status(),
        409,
        "not one's own"
    );
    let forged = bob
        .client
        .post(app.url("/comments/actions"))
        .form(&[("csrf", "forged"), ("like", other.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let r = common::client()
        .post(app.url("/comments/actions"))
        .form(&[("like", other.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "signed out: sent to sign in");
}

/// A member's page costs little more than a reader's: the controls are a few short links and
/// buttons per comment, the token is sent once per page. Byte counts are deterministic, so this
/// bound catches markup creeping back.
async fn a_members_controls_weigh_little(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    for i in 0..50 {
        app.clock.advance(chrono::Duration::seconds(2));
        ada.comment("story", None, &format!("Comment number {i}"))
            .await;
    }
    let reader = app.page("/articles/story", 200).await;
    let member = bob.page("/articles/story").await;
    let extra = member.len() - reader.len();
    // The header's account block, the comment form and the actions form, then per comment
    // Like, Reply, Report and Mute (about 210 bytes with this slug; 480 with a form per
    // comment).
    assert!(
        extra < 2_500 + 50 * 240,
        "a member's page is {extra} bytes heavier than a reader's"
    );
}
