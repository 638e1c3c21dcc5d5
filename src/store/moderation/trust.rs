//! Members' trust records: what [`trust_level`] needs, read in one query for one member or a
//! page of them.

use super::*;
use crate::domain::moderation::{TrustLevel, TrustRecord, TrustThresholds, trust_level};
use crate::store::Conn;

/// (id, role, verified at, joined, approved (capped), recent rejections)
type TrustRow = (i64, String, Option<DateTime<Utc>>, DateTime<Utc>, i64, i64);

/// The records of these members: their comments readers see (up to `cap`, leaving out
/// `except`, a comment being edited) and their comments rejected since `since` (the rejection
/// in the log and not undone).
pub(crate) async fn trust_records<'c>(
    on: impl Into<Conn<'c>>,
    ids: &[i64],
    cap: i64,
    except: Option<i64>,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, TrustRecord)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::store::articles::placeholders(4, ids.len());
    // The approved comments are counted no further than the rules need: a prolific member
    // has 100,000. Rejections come from the log's rows about the member (`moderation_log_user`),
    // each still standing (not undone, the comment still rejected).
    let sql = format!(
        "SELECT u.id, u.role, u.email_verified_at, u.created_at, \
         (SELECT COUNT(*) FROM (SELECT 1 FROM comments c WHERE c.author_id = u.id \
            AND c.status = 'visible' AND c.id <> $1 LIMIT $2) AS shown) AS approved, \
         (SELECT COUNT(DISTINCT l.comment_id) FROM moderation_log l \
            JOIN comments c ON c.id = l.comment_id \
            WHERE l.user_id = u.id AND l.action = 'reject' AND l.at >= $3 \
              AND l.undone_by IS NULL AND c.status = 'rejected') AS strikes \
         FROM users u WHERE u.id IN ({list})"
    );
    let rows: Vec<TrustRow> = {
        let mut q = query(&sql).bind(except.unwrap_or(0)).bind(cap).bind(since);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(on).await?
    };
    Ok(rows
        .into_iter()
        .map(|(id, role, verified, joined, approved, strikes)| {
            (
                id,
                TrustRecord {
                    role: Role::parse(&role).unwrap_or(Role::Member),
                    verified: verified.is_some(),
                    account_age: now - joined,
                    approved,
                    recent_rejections: strikes,
                },
            )
        })
        .collect())
}

/// How far back rejections count.
pub(crate) fn strikes_since(t: &TrustThresholds, now: DateTime<Utc>) -> DateTime<Utc> {
    now - chrono::Duration::days(t.demote_window_days.max(0))
}

impl Store {
    /// A member's record and level, with their approved comments counted up to `cap` (at least
    /// what the levels need) leaving out `except`.
    pub async fn trust_of(
        &self,
        user_id: i64,
        t: &TrustThresholds,
        cap: i64,
        except: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(TrustRecord, TrustLevel)> {
        let cap = cap.max(t.approved_cap());
        let rows = trust_records(
            self.read(),
            &[user_id],
            cap,
            except,
            strikes_since(t, now),
            now,
        )
        .await?;
        let (_, record) = rows
            .into_iter()
            .next()
            .ok_or(crate::store::Error::NotFound)?;
        Ok((record, trust_level(t, &record)))
    }

    /// The levels of these members (a page of the desk), in one query.
    pub async fn trust_levels(
        &self,
        ids: &[i64],
        t: &TrustThresholds,
        now: DateTime<Utc>,
    ) -> Result<Vec<(i64, TrustLevel)>> {
        let rows = trust_records(
            self.read(),
            ids,
            t.approved_cap(),
            None,
            strikes_since(t, now),
            now,
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, r)| (id, trust_level(t, &r)))
            .collect())
    }
}
