use chrono::TimeZone;

use super::*;
use crate::domain::user::Role;
use crate::store::ConnectOptions;

fn signup() -> PendingSignup {
    PendingSignup {
        email: Email::parse("ann@example.org").unwrap(),
        display_name: "Ann \"A\" Example".to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        notify: true,
        return_to: "/articles/a?b=c#d".to_owned(),
    }
}

fn round_trip<P: Payload + PartialEq + std::fmt::Debug>(token: P) {
    let back = P::from_row(token.user_id(), &token.to_json()).unwrap();
    assert_eq!(back, token);
}

#[test]
fn purposes_are_stored_as_the_migrations_name_them() {
    for migration in [
        include_str!("../../../migrations/sqlite/0018_single_use_tokens.sql"),
        include_str!("../../../migrations/postgres/0018_single_use_tokens.sql"),
    ] {
        // Purposes added later are named by their own migrations.
        let migration = format!(
            "{migration}{}{}{}{}",
            include_str!("../../../migrations/sqlite/0026_newsletters.sql"),
            include_str!("../../../migrations/postgres/0026_newsletters.sql"),
            include_str!("../../../migrations/sqlite/0029_embed_signin.sql"),
            include_str!("../../../migrations/postgres/0029_embed_signin.sql")
        );
        for p in TokenPurpose::ALL {
            assert_eq!(TokenPurpose::parse(p.as_str()), Some(p));
            assert!(migration.contains(&format!("'{}'", p.as_str())), "{p:?}");
        }
    }
    assert_eq!(TokenPurpose::parse("session"), None);
}

#[test]
fn every_payload_comes_back_as_it_went_in() {
    round_trip(PasswordReset { user_id: 7 });
    round_trip(EmailVerification { user_id: 8 });
    round_trip(SigninLink {
        user_id: 9,
        return_to: "/a/b?c=d".to_owned(),
    });
    round_trip(signup());
    assert_eq!(PendingSignup::PURPOSE, TokenPurpose::Signup);
    assert_eq!(signup().user_id(), None);
}

#[test]
fn the_json_the_migration_writes_is_read() {
    // SQLite's json_object and PostgreSQL's json_build_object space their output differently.
    let sqlite = r#"{"email":"ann@example.org","display_name":"Ann \"A\" Example","password_hash":"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA","notify":true,"return_to":"/articles/a?b=c#d"}"#;
    let postgres = r#"{"email" : "ann@example.org", "display_name" : "Ann \"A\" Example", "password_hash" : "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "notify" : true, "return_to" : "/articles/a?b=c#d"}"#;
    for json in [sqlite, postgres] {
        assert_eq!(PendingSignup::from_row(None, json).unwrap(), signup());
    }
    let link = SigninLink::from_row(Some(3), r#"{"return_to" : "/x"}"#).unwrap();
    assert_eq!(link.return_to, "/x");
    assert_eq!(
        PasswordReset::from_row(Some(4), "{}").unwrap(),
        PasswordReset { user_id: 4 }
    );
}

#[test]
fn a_token_without_the_shape_of_its_purpose_is_malformed() {
    assert!(PasswordReset::from_row(None, "{}").is_err());
    assert!(EmailVerification::from_row(None, "{}").is_err());
    assert!(SigninLink::from_row(Some(1), "{}").is_err());
    assert!(SigninLink::from_row(None, r#"{"return_to":"/"}"#).is_err());
    assert!(PendingSignup::from_row(Some(1), &signup().to_json()).is_err());
    assert!(PendingSignup::from_row(None, r#"{"email":"ann@example.org"}"#).is_err());
    let e = PendingSignup::from_row(None, "not json").unwrap_err();
    assert!(e.to_string().contains("signup"), "{e}");
}

#[test]
fn purpose_lists_number_their_placeholders_after_the_first() {
    assert_eq!(purpose_list(&[TokenPurpose::Signup]), "$2");
    assert_eq!(purpose_list(&TokenPurpose::ALL), "$2, $3, $4, $5, $6, $7");
}

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap() + chrono::Duration::minutes(minutes)
}

/// The store functions on a real (SQLite) database: a token works once, for its purpose only,
/// until it expires, and revoking and pruning remove what they should.
#[tokio::test]
async fn a_token_is_spent_once_for_its_own_purpose_until_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/t.db", dir.path().display());
    let store = Store::open(&url, &ConnectOptions::default()).await.unwrap();
    let email = Email::parse("bo@example.org").unwrap();
    let bo = store
        .create_user(&email, "Bo", "", Role::Member, at(0))
        .await
        .unwrap();
    let reset = PasswordReset { user_id: bo };
    issue(store.write(), "r", &reset, at(0), at(60))
        .await
        .unwrap();
    let link = SigninLink {
        user_id: bo,
        return_to: "/x".to_owned(),
    };
    issue(store.write(), "l", &link, at(0), at(15))
        .await
        .unwrap();
    issue(store.write(), "s", &signup(), at(0), at(60))
        .await
        .unwrap();

    // Another purpose's hash opens nothing.
    let wrong: Option<SigninLink> = peek(store.read(), "r", at(1)).await.unwrap();
    assert_eq!(wrong, None);
    let wrong: Option<SigninLink> = take(store.write(), "r", at(1)).await.unwrap();
    assert_eq!(wrong, None);

    // Looking spends nothing; taking spends it once.
    for _ in 0..2 {
        let seen: Option<PasswordReset> = peek(store.read(), "r", at(1)).await.unwrap();
        assert_eq!(seen, Some(reset));
    }
    let taken: Option<PasswordReset> = take(store.write(), "r", at(2)).await.unwrap();
    assert_eq!(taken, Some(reset));
    let again: Option<PasswordReset> = take(store.write(), "r", at(3)).await.unwrap();
    assert_eq!(again, None);
    let seen: Option<PasswordReset> = peek(store.read(), "r", at(3)).await.unwrap();
    assert_eq!(seen, None);

    // Expired at its time exactly.
    let seen: Option<SigninLink> = peek(store.read(), "l", at(14)).await.unwrap();
    assert_eq!(seen, Some(link.clone()));
    let late: Option<SigninLink> = take(store.write(), "l", at(15)).await.unwrap();
    assert_eq!(late, None);

    // Revoking removes the member's unused links of those purposes only.
    issue(store.write(), "r2", &reset, at(20), at(80))
        .await
        .unwrap();
    let verify = EmailVerification { user_id: bo };
    issue(store.write(), "v", &verify, at(20), at(80))
        .await
        .unwrap();
    let purposes = [TokenPurpose::PasswordReset, TokenPurpose::SigninLink];
    // The unused reset r2 and the expired (never used) link l; the used reset stays.
    assert_eq!(revoke(store.write(), bo, &purposes).await.unwrap(), 2);
    let gone: Option<PasswordReset> = peek(store.read(), "r2", at(21)).await.unwrap();
    assert_eq!(gone, None);
    let kept: Option<EmailVerification> = peek(store.read(), "v", at(21)).await.unwrap();
    assert_eq!(kept, Some(verify));

    // Pruning removes expired tokens of the purposes asked, used or not.
    assert_eq!(
        store
            .prune_single_use(at(59), &TokenPurpose::ALL)
            .await
            .unwrap(),
        0
    );
    let purposes = [TokenPurpose::PasswordReset, TokenPurpose::Signup];
    assert_eq!(store.prune_single_use(at(60), &purposes).await.unwrap(), 2);
    assert_eq!(
        store
            .prune_single_use(at(80), &[TokenPurpose::EmailVerification])
            .await
            .unwrap(),
        1
    );
    store.close().await;
}
