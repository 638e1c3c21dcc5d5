//! Rules of the site's e-mail to members: who a mention names, when a daily digest is due, the
//! one-click unsubscribe token, and the moderation-queue alert threshold. No SQL, no HTTP.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The digest moment each day, in UTC: a member's daily digest holds what reached them up to
/// then, and goes out once that moment has passed.
pub const DIGEST_HOUR_UTC: u32 = 7;
/// How long a verification link works.
pub const VERIFY_LINK_HOURS: i64 = 48;
/// The largest queue-alert threshold a moderator may choose.
pub const MAX_QUEUE_THRESHOLD: i64 = 10_000;

/// What a mail is about, for its unsubscribe link: one-click unsubscribing turns that off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Replies,
    Mentions,
    /// The daily digest of replies and mentions: unsubscribing stops both.
    Digest,
    QueueAlert,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Replies => "replies",
            MailKind::Mentions => "mentions",
            MailKind::Digest => "digest",
            MailKind::QueueAlert => "queue-alert",
        }
    }

    pub fn parse(s: &str) -> Option<MailKind> {
        [
            MailKind::Replies,
            MailKind::Mentions,
            MailKind::Digest,
            MailKind::QueueAlert,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Why a member hears about a comment. A reply that also mentions its parent's author is a
/// reply (one notification per comment and recipient).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Reply,
    Mention,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Reply => "reply",
            Reason::Mention => "mention",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        match s {
            "reply" => Some(Reason::Reply),
            "mention" => Some(Reason::Mention),
            _ => None,
        }
    }
}

/// The members a comment mentions. The rule: `@` followed by the display name of someone taking
/// part in that article's conversation (`participants`: the authors of its visible comments, and
/// the author of the comment replied to), compared without regard to case or accents (as search
/// compares words: `@zoe` names Zoë); where several names fit
/// (`@Ann` and `@Ann Lee`), the longest wins, and the name must end at the end of a word (so
/// `@Annabel` does not name Ann). Display names are not unique: everyone in the conversation
/// going by the name that matched is named. An `@` inside a word (an e-mail address) names no one.
pub fn mentioned(body: &str, participants: &[(i64, String)]) -> Vec<i64> {
    let names: Vec<(i64, Vec<char>)> = participants
        .iter()
        .map(|(id, name)| (*id, fold(name)))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    let text: Vec<char> = body.chars().collect();
    // One folded character per character, so positions in `text` are positions in `lower`.
    let lower: Vec<char> = fold(body);
    let mut found: Vec<i64> = Vec::new();
    for (i, c) in text.iter().enumerate() {
        if *c != '@' || (i > 0 && text[i - 1].is_alphanumeric()) {
            continue;
        }
        let rest = &lower[i + 1..];
        let fits = |n: &Vec<char>| {
            rest.starts_with(n) && rest.get(n.len()).is_none_or(|c| !c.is_alphanumeric())
        };
        let Some(longest) = names
            .iter()
            .filter(|(_, n)| fits(n))
            .map(|(_, n)| n.len())
            .max()
        else {
            continue;
        };
        for (id, n) in &names {
            if n.len() == longest && fits(n) && !found.contains(id) {
                found.push(*id);
            }
        }
    }
    found
}

/// Case and accents folded as search folds them ([`super::search::fold`]).
fn fold(s: &str) -> Vec<char> {
    s.chars().map(super::search::fold_char).collect()
}

/// The latest digest moment at or before `now`.
pub fn digest_due(now: DateTime<Utc>) -> DateTime<Utc> {
    let at = NaiveTime::from_hms_opt(DIGEST_HOUR_UTC, 0, 0).unwrap_or_default();
    let today = now.date_naive().and_time(at).and_utc();
    if today <= now {
        today
    } else {
        today - Duration::days(1)
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], user_id: i64, kind: MailKind) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("any key length");
    mac.update(format!("unsubscribe:{user_id}:{}", kind.as_str()).as_bytes());
    mac
}

/// The token of a one-click unsubscribe link: the member, the kind, and an HMAC of both under
/// the site's secret, so it needs no table and cannot be made for someone else.
pub fn unsubscribe_token(secret: &[u8], user_id: i64, kind: MailKind) -> String {
    use base64::Engine;
    let sig = mac(secret, user_id, kind).finalize().into_bytes();
    format!(
        "{user_id}.{}.{}",
        kind.as_str(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig)
    )
}

/// The member and kind a token was made for, if it was made with `secret`.
pub fn check_unsubscribe_token(secret: &[u8], token: &str) -> Option<(i64, MailKind)> {
    use base64::Engine;
    let mut parts = token.splitn(3, '.');
    let user_id: i64 = parts.next()?.parse().ok()?;
    let kind = MailKind::parse(parts.next()?)?;
    let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts.next()?)
        .ok()?;
    // verify_slice compares in constant time.
    mac(secret, user_id, kind).verify_slice(&sig).ok()?;
    Some((user_id, kind))
}

/// A moderator's queue-alert threshold: alert when the queue holds at least this many items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueThreshold(i64);

impl QueueThreshold {
    /// From the settings form; empty means no alerts.
    pub fn parse(s: &str) -> Result<Option<QueueThreshold>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<i64>() {
            Ok(n) if (1..=MAX_QUEUE_THRESHOLD).contains(&n) => Ok(Some(QueueThreshold(n))),
            _ => Err(format!(
                "The queue size for an alert must be a whole number from 1 to {MAX_QUEUE_THRESHOLD}, or empty for no alerts."
            )),
        }
    }

    pub fn new(n: i64) -> Option<QueueThreshold> {
        (1..=MAX_QUEUE_THRESHOLD)
            .contains(&n)
            .then_some(QueueThreshold(n))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<(i64, String)> {
        vec![
            (1, "Ann".into()),
            (2, "Ann Lee".into()),
            (3, "Bob".into()),
            (4, "bob".into()),
        ]
    }

    #[test]
    fn mentions_take_the_longest_name_case_insensitively() {
        assert_eq!(mentioned("thanks @ann lee!", &people()), vec![2]);
        assert_eq!(mentioned("@ANN, and you?", &people()), vec![1]);
        // Two members go by Bob: both are named.
        assert_eq!(mentioned("cc @Bob", &people()), vec![3, 4]);
        assert_eq!(mentioned("@Ann and @ann again", &people()), vec![1]);
    }

    #[test]
    fn mentions_fold_accents_as_search_does() {
        let people = vec![(5, "Zoë Erdős".to_owned()), (6, "Søren".to_owned())];
        assert_eq!(mentioned("thanks @zoe erdos", &people), vec![5]);
        assert_eq!(mentioned("thanks @ZOË ERDŐS", &people), vec![5]);
        assert_eq!(mentioned("@søren", &people), vec![6]);
        // A letter that lower-cases to two characters no longer hides every mention.
        assert_eq!(mentioned("İstanbul, @Søren?", &people), vec![6]);
    }

    #[test]
    fn a_name_must_end_a_word_and_an_address_is_no_mention() {
        assert!(mentioned("hi @Annabel", &people()).is_empty());
        assert!(mentioned("write to ann@Bob.example", &people()).is_empty());
        assert!(mentioned("no one here", &people()).is_empty());
        assert!(mentioned("@Carol", &people()).is_empty());
    }

    #[test]
    fn the_digest_is_due_at_the_last_digest_hour() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            digest_due(t("2026-06-01T12:00:00Z")),
            t("2026-06-01T07:00:00Z")
        );
        assert_eq!(
            digest_due(t("2026-06-01T06:59:59Z")),
            t("2026-05-31T07:00:00Z")
        );
        assert_eq!(
            digest_due(t("2026-06-01T07:00:00Z")),
            t("2026-06-01T07:00:00Z")
        );
    }

    #[test]
    fn unsubscribe_tokens_are_bound_to_member_kind_and_secret() {
        let token = unsubscribe_token(b"site secret", 42, MailKind::Replies);
        assert_eq!(
            check_unsubscribe_token(b"site secret", &token),
            Some((42, MailKind::Replies))
        );
        assert_eq!(check_unsubscribe_token(b"other secret", &token), None);
        let forged = token.replacen("42.", "43.", 1);
        assert_eq!(check_unsubscribe_token(b"site secret", &forged), None);
        let other_kind = token.replacen("replies", "mentions", 1);
        assert_eq!(check_unsubscribe_token(b"site secret", &other_kind), None);
        assert_eq!(check_unsubscribe_token(b"site secret", "garbage"), None);
    }

    #[test]
    fn thresholds_are_whole_numbers_in_range_or_empty() {
        assert_eq!(QueueThreshold::parse(""), Ok(None));
        assert_eq!(QueueThreshold::parse(" 5 ").unwrap().unwrap().get(), 5);
        assert!(QueueThreshold::parse("0").is_err());
        assert!(QueueThreshold::parse("ten").is_err());
        assert!(QueueThreshold::parse("10001").is_err());
    }
}
