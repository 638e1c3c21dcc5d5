//! "Read more" cards follow the article they link to, on SQLite and PostgreSQL: a card is
//! written into the linking story's body when that is saved, so a new headline (or summary) of
//! the linked article re-renders every story linking to it, and readers see it at once (their
//! cached pages go too). So does a new slug: the card carries the new address, even though the
//! linking story still names the old one (which redirects).

use crate::common::{Member, TestApp, attrs, html, texts};
use crate::newsroom::{create, fields, revision, save, staff};
use broadsheet::domain::user::Role;

/// Publishes article `id` through the workflow, as `editor`.
async fn publish(editor: &Member, id: i64) {
    let r = editor
        .post(
            &format!("/admin/articles/{id}/workflow"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 303, "publish");
}

/// The body of "Ferries return", with a card linking to "Harbour reopens".
const BODY: &str = "Opening line.\n\n::readmore{article=harbour-reopens}\n\nClosing line.";

/// "Harbour reopens" and "Ferries return", whose card links to it, both published: their ids.
async fn linked_and_linking(editor: &Member) -> (i64, i64) {
    let linked = create(editor, &fields("Harbour reopens", "The quay is open.")).await;
    publish(editor, linked).await;
    let linking = create(editor, &fields("Ferries return", BODY)).await;
    publish(editor, linking).await;
    (linked, linking)
}

backend_tests!(
    a_new_headline_reaches_the_read_more_cards_linking_to_it,
    a_new_slug_reaches_the_read_more_cards_linking_to_it,
);

async fn a_new_headline_reaches_the_read_more_cards_linking_to_it(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let publish = |id: i64| publish(&editor, id);
    let (linked, linking) = linked_and_linking(&editor).await;
    let untouched = create(&editor, &fields("Weather", "Rain later.")).await;
    publish(untouched).await;

    let reader = app.member("Reader").await;
    let card = |page: String| texts(&html(&page), ".block-readmore .readmore-title");
    assert_eq!(
        card(reader.page("/articles/ferries-return").await),
        ["Harbour reopens"]
    );

    // A rewrite of the linked article's headline, published (its slug stays).
    let mut f = fields("Harbour reopens after repairs", "The quay is open.");
    f[1].1 = "harbour-reopens";
    let base = revision(&editor, linked).await;
    assert_eq!(save(&editor, linked, &base, &f, "save").await, 303);
    // Saved but not yet published: readers still see the published headline on the card.
    assert_eq!(
        card(reader.page("/articles/ferries-return").await),
        ["Harbour reopens"]
    );
    publish(linked).await;
    assert_eq!(
        card(reader.page("/articles/ferries-return").await),
        ["Harbour reopens after repairs"]
    );
    // The linking story itself was not rewritten: no new revision of it.
    assert_eq!(app.store.revisions(linking).await.unwrap().len(), 1);
    assert_eq!(app.store.revisions(untouched).await.unwrap().len(), 1);
}

async fn a_new_slug_reaches_the_read_more_cards_linking_to_it(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let publish = |id: i64| publish(&editor, id);
    let (linked, linking) = linked_and_linking(&editor).await;

    let reader = app.member("Reader").await;
    let card = |page: String| {
        let doc = html(&page);
        (
            texts(&doc, ".block-readmore .readmore-title"),
            attrs(&doc, ".block-readmore .readmore-title a", "href"),
        )
    };
    let old = (
        vec!["Harbour reopens".to_owned()],
        vec!["/articles/harbour-reopens".to_owned()],
    );
    // Signed out too: that page is kept in the page cache.
    assert_eq!(card(app.page("/articles/ferries-return", 200).await), old);
    assert_eq!(card(reader.page("/articles/ferries-return").await), old);

    // Only the slug changes, and is published.
    let mut f = fields("Harbour reopens", "The quay is open.");
    f[1].1 = "harbour-quay-reopens";
    let base = revision(&editor, linked).await;
    assert_eq!(save(&editor, linked, &base, &f, "save").await, 303);
    assert_eq!(card(reader.page("/articles/ferries-return").await), old);
    publish(linked).await;

    // The old address redirects to the new one...
    let r = app.get("/articles/harbour-reopens").await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(r.headers()["location"], "/articles/harbour-quay-reopens");
    // ...but the card goes straight to it, for members and from the cache alike.
    let new = (
        vec!["Harbour reopens".to_owned()],
        vec!["/articles/harbour-quay-reopens".to_owned()],
    );
    assert_eq!(card(reader.page("/articles/ferries-return").await), new);
    assert_eq!(card(app.page("/articles/ferries-return", 200).await), new);
    assert_eq!(app.store.revisions(linking).await.unwrap().len(), 1);

    // The linking story, still naming the old slug, saves as it is, and its card follows a
    // later headline too.
    let base = revision(&editor, linking).await;
    let g = fields("Ferries return", BODY);
    assert_eq!(save(&editor, linking, &base, &g, "save").await, 303);
    publish(linking).await;
    let mut f = fields("Harbour reopens after repairs", "The quay is open.");
    f[1].1 = "harbour-quay-reopens";
    let base = revision(&editor, linked).await;
    assert_eq!(save(&editor, linked, &base, &f, "save").await, 303);
    publish(linked).await;
    assert_eq!(
        card(app.page("/articles/ferries-return", 200).await),
        (
            vec!["Harbour reopens after repairs".to_owned()],
            vec!["/articles/harbour-quay-reopens".to_owned()],
        )
    );
}
