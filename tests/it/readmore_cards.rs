//! "Read more" cards follow the article they link to, on SQLite and PostgreSQL: a card is
//! written into the linking story's body when that is saved, so a new headline (or summary) of
//! the linked article re-renders every story linking to it, and readers see it at once (their
//! cached pages go too).

use crate::common::{TestApp, html, texts};
use crate::newsroom::{create, fields, revision, save, staff};
use broadsheet::domain::user::Role;

backend_tests!(a_new_headline_reaches_the_read_more_cards_linking_to_it);

async fn a_new_headline_reaches_the_read_more_cards_linking_to_it(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let publish = |id: i64| {
        let editor = &editor;
        async move {
            let r = editor
                .post(
                    &format!("/admin/articles/{id}/workflow"),
                    &[("action", "publish")],
                )
                .await;
            assert_eq!(r.status(), 303, "publish");
        }
    };
    let linked = create(&editor, &fields("Harbour reopens", "The quay is open.")).await;
    publish(linked).await;
    let body = "Opening line.\n\n::readmore{article=harbour-reopens}\n\nClosing line.";
    let linking = create(&editor, &fields("Ferries return", body)).await;
    publish(linking).await;
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
