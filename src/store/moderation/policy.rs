//! Comment policies, moderation settings, word lists and the spam filter's counts.

use super::*;
use crate::domain::CommentTarget;

/// What a policy is set for: its kind (`site`, `section`, `article`, `embed_site`,
/// `embed_thread`) and its name (none for the site).
pub type PolicyOf<'a> = (&'a str, &'a str);

/// A policy change's reason in the log: what it was set for and its new mode (`None`: as the
/// wider setting), as stored (`CommentMode::stored`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReason {
    pub of: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<i64>,
}

impl PolicyReason {
    /// The mode set, `None` for "as the wider setting".
    pub fn mode(&self) -> Option<CommentMode> {
        self.mode
            .as_deref()
            .and_then(|m| CommentMode::from_stored(m, self.first))
    }
}

/// What screening a comment reads besides the comment: the policy in force on its article
/// and the site's moderation settings.
#[derive(Clone, Debug)]
pub struct ScreeningRules {
    pub policy: CommentPolicy,
    pub settings: ModerationSettings,
}

impl Store {
    /// The policy layers that apply to an article (site, its section or its embedding site,
    /// itself), in one query.
    pub async fn comment_policy(&self, article_id: i64) -> Result<CommentPolicy> {
        let sql = format!(
            "SELECT {POLICY_COLUMNS} FROM comment_policies p WHERE {layers}",
            layers = policy_layers("$1"),
        );
        let rows: Vec<PolicyRow> = query(&sql).bind(article_id).fetch_all(self.read()).await?;
        Ok(resolve_layers(rows))
    }

    /// What screening a comment on an article reads: its [`Store::comment_policy`] and the
    /// [`Store::moderation_settings`], in one query (a post waits for each query in turn).
    pub async fn screening_rules(&self, article_id: i64) -> Result<ScreeningRules> {
        let sql = format!(
            "SELECT {SETTINGS_COLUMNS}, {POLICY_COLUMNS} FROM moderation_settings s \
             LEFT JOIN comment_policies p ON {layers} WHERE s.id = 1",
            layers = policy_layers("$1"),
        );
        let rows: Vec<RulesRow> = query(&sql).bind(article_id).fetch_all(self.read()).await?;
        rules_of(rows).ok_or(crate::store::Error::NotFound)
    }

    /// The published article `slug` as posting a comment under it needs it (one small row, not
    /// the page), with its [`Store::screening_rules`]: one query.
    pub async fn comment_target(
        &self,
        slug: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(CommentTarget, ScreeningRules)>> {
        #[derive(sqlx::FromRow)]
        struct TargetRow {
            target_id: i64,
            target_slug: String,
            target_title: String,
            target_published_at: DateTime<Utc>,
            #[sqlx(flatten)]
            rules: RulesRow,
        }
        let sql = format!(
            "SELECT a.id AS target_id, a.slug AS target_slug, a.title AS target_title, \
             a.published_at AS target_published_at, {SETTINGS_COLUMNS}, {POLICY_COLUMNS} \
             FROM articles a JOIN moderation_settings s ON s.id = 1 \
             LEFT JOIN comment_policies p ON {layers} \
             WHERE a.slug = $1 AND a.published_at <= $2",
            layers = policy_layers("a.id"),
        );
        let rows: Vec<TargetRow> = query(&sql)
            .bind(slug)
            .bind(now)
            .fetch_all(self.read())
            .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let target = CommentTarget {
            id: first.target_id,
            slug: first.target_slug.clone(),
            title: first.target_title.clone(),
            published_at: first.target_published_at,
        };
        let rules = rules_of(rows.into_iter().map(|r| r.rules));
        Ok(rules.map(|rules| (target, rules)))
    }

    pub async fn policy_layer(&self, scope: &str, scope_id: i64) -> Result<PolicyLayer> {
        let row: Option<(Option<String>, Option<i64>, Option<i64>)> = query(
            "SELECT mode, premoderate_first, auto_close_days FROM comment_policies \
                 WHERE scope = $1 AND scope_id = $2",
        )
        .bind(scope)
        .bind(scope_id)
        .fetch_optional(self.read())
        .await?;
        Ok(
            row.map_or_else(PolicyLayer::default, |(mode, first, days)| PolicyLayer {
                mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
                auto_close_days: days,
            }),
        )
    }

    /// Every section and article layer that overrides something, for the settings page.
    pub async fn policy_overrides(&self) -> Result<Vec<(String, i64, String, PolicyLayer)>> {
        let rows: Vec<OverrideRow> = query(
                    "SELECT p.scope, p.scope_id, COALESCE(s.name, a.title, '') AS name, p.mode, \
                     p.premoderate_first, p.auto_close_days FROM comment_policies p \
                     LEFT JOIN sections s ON p.scope = 'section' AND s.id = p.scope_id \
                     LEFT JOIN articles a ON p.scope = 'article' AND a.id = p.scope_id \
                     WHERE p.scope IN ('section', 'article') AND (p.mode IS NOT NULL OR p.auto_close_days IS NOT NULL) \
                     ORDER BY p.scope DESC, name",
                )
                .fetch_all(self.read())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(scope, id, name, mode, first, days)| {
                let layer = PolicyLayer {
                    mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
                    auto_close_days: days,
                };
                (scope, id, name, layer)
            })
            .collect())
    }

    /// Sets the policy of one scope and logs the change, with what it is of (`of`) and the new
    /// mode as the reason (data, worded when shown: [`PolicyReason`]).
    pub async fn set_policy(
        &self,
        scope: &str,
        scope_id: i64,
        layer: PolicyLayer,
        actor: &Actor,
        of: PolicyOf<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let before = self.policy_layer(scope, scope_id).await?;
        let (mode, first) = match layer.mode {
            Some(m) => {
                let (m, f) = m.stored();
                (Some(m), f)
            }
            None => (None, None),
        };
        let mut tx = self.begin().await?;
        query(
                "INSERT INTO comment_policies (scope, scope_id, mode, premoderate_first, auto_close_days, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, scope_id) DO UPDATE SET \
                 mode = excluded.mode, premoderate_first = excluded.premoderate_first, \
                 auto_close_days = excluded.auto_close_days, updated_at = excluded.updated_at",
            )
            .bind(scope)
            .bind(scope_id)
            .bind(mode)
            .bind(first)
            .bind(layer.auto_close_days)
            .bind(now)
            .execute(&mut tx)
            .await?;
        let before = format!("{before:?}");
        let after = format!("{layer:?}");
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "policy",
                comment: None,
                user: None,
                reason: &json(&PolicyReason {
                    of: of.0.to_owned(),
                    name: of.1.to_owned(),
                    mode: mode.map(str::to_owned),
                    first,
                }),
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    pub async fn moderation_settings(&self) -> Result<ModerationSettings> {
        let sql = format!("SELECT {SETTINGS_COLUMNS} FROM moderation_settings s WHERE s.id = 1");
        query(&sql).fetch_one(self.read()).await
    }

    /// The banned and suspect word lists (one entry per line) and their version.
    pub async fn word_lists(&self) -> Result<(String, String, i64)> {
        query(
                "SELECT banned_words, suspect_words, words_version FROM moderation_settings WHERE id = 1",
            )
            .fetch_one(self.read())
            .await
    }

    /// Saves the thresholds, logging the change.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_moderation_settings(
        &self,
        link_hold_below: i64,
        report_threshold: i64,
        trust: TrustThresholds,
        hold_first_comment: bool,
        spam_threshold: f64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let before = self.moderation_settings().await?;
        let mut tx = self.begin().await?;
        let reporters = trust.member_bar();
        query(
                "UPDATE moderation_settings SET link_hold_below = $1, report_threshold = $2, \
                 report_requires_verified = $3, report_min_account_days = $4, report_min_approved = $5, \
                 spam_threshold = $6, trusted_min_account_days = $7, trusted_min_approved = $8, \
                 demote_window_days = $9, demote_after = $10, hold_first_comment = $11 WHERE id = 1",
            )
            .bind(link_hold_below)
            .bind(report_threshold)
            .bind(reporters.verified)
            .bind(reporters.min_account_days)
            .bind(reporters.min_approved)
            .bind(spam_threshold)
            .bind(trust.trusted_min_account_days)
            .bind(trust.trusted_min_approved)
            .bind(trust.demote_window_days)
            .bind(trust.demote_after)
            .bind(hold_first_comment)
            .execute(&mut tx)
            .await?;
        let first = |hold: bool| {
            if hold {
                "new members' first comments held"
            } else {
                "first comments not held"
            }
        };
        let before = format!(
            "links held below {} approved comments; hidden at {} reports; {}; spam held from {}; {}; {}",
            before.link_hold_below,
            before.report_threshold,
            before.reporter_bar().describe(),
            before.spam_threshold,
            before.trust_thresholds().describe(),
            first(before.hold_first_comment)
        );
        let after = format!(
            "links held below {link_hold_below} approved comments; hidden at {report_threshold} reports; {}; spam held from {spam_threshold}; {}; {}",
            reporters.describe(),
            trust.describe(),
            first(hold_first_comment)
        );
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "settings",
                comment: None,
                user: None,
                reason: "",
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    /// Replaces the word lists (already checked), bumping their version, and logs the change.
    pub async fn save_word_lists(
        &self,
        banned: &[String],
        suspect: &[String],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (old_banned, old_suspect, _) = self.word_lists().await?;
        let (banned, suspect) = (banned.join("\n"), suspect.join("\n"));
        let mut tx = self.begin().await?;
        query(
            "UPDATE moderation_settings SET banned_words = $1, suspect_words = $2, \
                 words_version = words_version + 1 WHERE id = 1",
        )
        .bind(&banned)
        .bind(&suspect)
        .execute(&mut tx)
        .await?;
        let before = json(&serde_json::json!({ "banned": old_banned, "suspect": old_suspect }));
        let after = json(&serde_json::json!({ "banned": banned, "suspect": suspect }));
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "words",
                comment: None,
                user: None,
                reason: "",
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    /// The spam filter's counts for these tokens (tokens never seen count zero), in one query.
    pub async fn spam_counts(&self, tokens: &[String]) -> Result<Vec<spam::Counts>> {
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::store::articles::placeholders(1, tokens.len());
        let sql = format!("SELECT spam, ham FROM spam_tokens WHERE token IN ({list})");
        let rows: Vec<(i64, i64)> = {
            let mut q = query(&sql);
            for t in tokens {
                q = q.bind(t);
            }
            q.fetch_all(self.read()).await?
        };
        let mut counts: Vec<spam::Counts> = rows
            .into_iter()
            .map(|(spam, ham)| spam::Counts { spam, ham })
            .collect();
        counts.resize(tokens.len(), spam::Counts::default());
        Ok(counts)
    }
}

/// [`ModerationSettings`]' columns, of `moderation_settings s`.
const SETTINGS_COLUMNS: &str = "s.link_hold_below, s.report_threshold, \
     s.report_requires_verified, s.report_min_account_days, s.report_min_approved, \
     s.spam_threshold, s.words_version, s.spam_docs, s.ham_docs, s.trusted_min_account_days, \
     s.trusted_min_approved, s.demote_window_days, s.demote_after, s.hold_first_comment";

/// A [`PolicyRow`]'s columns, of `comment_policies p`.
const POLICY_COLUMNS: &str = "p.scope, p.mode, p.premoderate_first, p.auto_close_days";

/// The policies of `comment_policies p` that apply to the article whose id is `id` (a
/// parameter or a column): the site's, its section's (or its embedding site's, for an
/// embedded page) and its own.
fn policy_layers(id: &str) -> String {
    format!(
        "((p.scope = 'site' AND p.scope_id = 0) \
         OR (p.scope = 'section' AND p.scope_id = (SELECT section_id FROM articles WHERE id = {id}) \
             AND NOT EXISTS (SELECT 1 FROM embedded_pages WHERE article_id = {id})) \
         OR (p.scope = 'embed_site' AND p.scope_id = (SELECT site_id FROM embedded_pages WHERE article_id = {id})) \
         OR (p.scope = 'article' AND p.scope_id = {id}))"
    )
}

/// A row of the settings joined with one policy layer (none: no layer is set).
#[derive(sqlx::FromRow)]
struct RulesRow {
    #[sqlx(flatten)]
    settings: ModerationSettings,
    scope: Option<String>,
    mode: Option<String>,
    premoderate_first: Option<i64>,
    auto_close_days: Option<i64>,
}

/// The rules from the settings joined with each layer that applies (`None`: no settings row).
fn rules_of(rows: impl IntoIterator<Item = RulesRow>) -> Option<ScreeningRules> {
    let mut rows = rows.into_iter().peekable();
    let settings = rows.peek()?.settings.clone();
    let layers =
        rows.filter_map(|r| Some((r.scope?, r.mode, r.premoderate_first, r.auto_close_days)));
    Some(ScreeningRules {
        policy: resolve_layers(layers),
        settings,
    })
}

/// The policy in force, from the layers that apply (see [`policy_layers`]).
fn resolve_layers(rows: impl IntoIterator<Item = PolicyRow>) -> CommentPolicy {
    let mut layers = [PolicyLayer::default(); 3];
    for (scope, mode, first, days) in rows {
        let i = match scope.as_str() {
            "site" => 0,
            // An embedded page's site stands where an article's section does.
            "section" | "embed_site" => 1,
            _ => 2,
        };
        layers[i] = PolicyLayer {
            mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
            auto_close_days: days,
        };
    }
    CommentPolicy::resolve(layers[0], layers[1], layers[2])
}
