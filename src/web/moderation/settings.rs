//! `/admin/moderation/settings`: comment policies, thresholds and the word lists.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{actor, require_staff, words};
use crate::domain::Slug;
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::moderation::{CommentMode, ModeProblem, PolicyLayer, ReporterBar, StaffAccess};
use crate::domain::wordfilter::{ListProblem, MAX_ENTRIES, MAX_ENTRY_CHARS, parse_list};
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/moderation/settings",
            get(settings_page).post(save_settings),
        )
        .route("/admin/moderation/policies", post(save_policy))
}

pub struct PolicyView {
    pub scope: String,
    pub name: String,
    pub mode: String,
    pub auto_close: String,
}

#[derive(Template)]
#[template(path = "admin_moderation_settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    access: StaffAccess,
    site_mode: String,
    site_first: String,
    site_close: String,
    link_hold_below: String,
    report_threshold: String,
    report_requires_verified: bool,
    report_min_account_days: String,
    report_min_approved: String,
    spam_threshold: String,
    trust: super::trust::TrustFields,
    /// Comments the spam filter learnt as spam and as not spam.
    spam_trained: (i64, i64),
    banned: String,
    suspect: String,
    overrides: Vec<PolicyView>,
    sections: Vec<(String, String)>,
    /// The section-or-article form, as typed when it comes back with an error.
    policy: PolicyForm,
    error: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize, Default)]
struct MessageQuery {
    message: Option<String>,
}

fn mode_name(mode: Option<CommentMode>) -> &'static str {
    match mode {
        None => "inherit",
        Some(m) => m.stored().0,
    }
}

/// `GET /admin/moderation/settings`
async fn settings_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<MessageQuery>,
) -> Result<Response> {
    render_settings(&state, &viewer, None, q.message, None, None, StatusCode::OK).await
}

/// What an admin typed, sent back with the error.
#[derive(Deserialize, Default, Clone)]
struct SettingsForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    auto_close_days: String,
    #[serde(default)]
    link_hold_below: String,
    #[serde(default)]
    report_threshold: String,
    /// The bar for reports to count: `yes`/`no`, days, approved comments. Absent (a form from
    /// before these fields): kept as they are.
    report_requires_verified: Option<String>,
    report_min_account_days: Option<String>,
    report_min_approved: Option<String>,
    #[serde(default)]
    spam_threshold: String,
    #[serde(flatten)]
    trust: super::trust::TrustForm,
    #[serde(default)]
    banned: String,
    #[serde(default)]
    suspect: String,
}

async fn render_settings(
    state: &AppState,
    viewer: &Viewer,
    error: Option<String>,
    message: Option<String>,
    typed: Option<&SettingsForm>,
    typed_policy: Option<&PolicyForm>,
    status: StatusCode,
) -> Result<Response> {
    let (_, access) = require_staff(viewer, |a| a.policies)?;
    let tr = Tr::new(viewer.locale);
    let site = state.store.policy_layer("site", 0).await?;
    let settings = state.store.moderation_settings().await?;
    let (banned, suspect, _) = state.store.word_lists().await?;
    let overrides = state
        .store
        .policy_overrides()
        .await?
        .into_iter()
        .map(|(scope, _, name, layer)| PolicyView {
            scope: if scope == "section" {
                tr.t("desk-policy-section")
            } else {
                tr.t("desk-policy-article")
            },
            name,
            mode: layer
                .mode
                .map_or_else(|| tr.t("desk-policy-as-wider"), |m| words::mode(tr, m)),
            auto_close: match layer.auto_close_days {
                None => tr.t("desk-policy-as-wider"),
                Some(0) => tr.t("desk-policy-never"),
                Some(d) => tr.t1("desk-policy-days-after", "count", d),
            },
        })
        .collect();
    let first = match site.mode {
        Some(CommentMode::PreModerated { first: Some(n) }) => n.to_string(),
        _ => String::new(),
    };
    let mut page = SettingsPage {
        layout: Layout::titled(state, viewer, "desk-settings-title").await?,
        csrf: viewer.csrf.clone(),
        access,
        site_mode: mode_name(site.mode).to_owned(),
        site_first: first,
        site_close: site.auto_close_days.unwrap_or(0).to_string(),
        link_hold_below: settings.link_hold_below.to_string(),
        report_threshold: settings.report_threshold.to_string(),
        report_requires_verified: settings.report_requires_verified,
        report_min_account_days: settings.report_min_account_days.to_string(),
        report_min_approved: settings.report_min_approved.to_string(),
        spam_threshold: format!("{}", settings.spam_threshold),
        trust: super::trust::TrustFields::of(&settings),
        spam_trained: (settings.spam_docs, settings.ham_docs),
        banned,
        suspect,
        overrides,
        sections: state
            .store
            .sections()
            .await?
            .into_iter()
            .map(|s| (s.slug, s.name))
            .collect(),
        policy: typed_policy.cloned().unwrap_or_default(),
        error,
        message,
    };
    // A refused form comes back as it was typed.
    if let Some(t) = typed {
        page.site_mode = t.mode.clone();
        page.site_first = t.first.clone();
        page.site_close = t.auto_close_days.clone();
        page.link_hold_below = t.link_hold_below.clone();
        page.report_threshold = t.report_threshold.clone();
        if let Some(v) = &t.report_requires_verified {
            page.report_requires_verified = v == "yes";
        }
        if let Some(v) = &t.report_min_account_days {
            page.report_min_account_days = v.clone();
        }
        if let Some(v) = &t.report_min_approved {
            page.report_min_approved = v.clone();
        }
        page.spam_threshold = t.spam_threshold.clone();
        page.trust.typed(&t.trust);
        page.banned = t.banned.clone();
        page.suspect = t.suspect.clone();
    }
    Ok((status, Html(page.render()?)).into_response())
}

/// A whole number from 0 to `max`, or what is wrong, naming the field (`what`, a message id).
fn parse_count(tr: Tr, s: &str, what: &str, max: i64) -> std::result::Result<i64, String> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=max).contains(n))
        .ok_or_else(|| tr.t2("desk-settings-number", "what", tr.t(what), "max", max))
}

/// A comment mode from a form's fields, or what is wrong, in words.
fn parse_mode(tr: Tr, mode: &str, first: &str) -> std::result::Result<CommentMode, String> {
    CommentMode::parse(mode, first).map_err(|p| match p {
        ModeProblem::First => tr.t("desk-mode-first-range"),
        ModeProblem::Unknown(m) => tr.t1("desk-mode-unknown", "mode", m),
    })
}

/// A policy layer from a policy form's fields: a blank or `inherit` mode and blank days take
/// the wider scope's. Refusals in English (see [`policy_layer_in`]).
pub(crate) fn policy_layer_of(
    mode: &str,
    first: &str,
    days: &str,
) -> std::result::Result<PolicyLayer, String> {
    policy_layer_in(Tr::new(Locale::En), mode, first, days)
}

/// [`policy_layer_of`], refused in the words of `tr`.
pub(crate) fn policy_layer_in(
    tr: Tr,
    mode: &str,
    first: &str,
    days: &str,
) -> std::result::Result<PolicyLayer, String> {
    let mode = match mode.trim() {
        "inherit" | "" => None,
        m => Some(parse_mode(tr, m, first)?),
    };
    Ok(PolicyLayer {
        mode,
        auto_close_days: parse_days(tr, days)?,
    })
}

fn parse_days(tr: Tr, s: &str) -> std::result::Result<Option<i64>, String> {
    match s.trim() {
        "" => Ok(None),
        d => parse_count(tr, d, "desk-field-close-days", 3650).map(Some),
    }
}

/// A word list, or what is wrong with it (`which`: the list's name, a message id).
fn parse_words(tr: Tr, text: &str, which: &str) -> std::result::Result<Vec<String>, String> {
    parse_list(text).map_err(|p| {
        let problem = match p {
            ListProblem::LongLine { line, chars } => format!(
                "{}; {}",
                tr.t2("desk-words-long-line", "line", line, "chars", chars),
                tr.t1("desk-words-entry-max", "max", MAX_ENTRY_CHARS)
            ),
            ListProblem::TooMany => tr.t1("desk-words-too-many", "max", MAX_ENTRIES),
        };
        format!("{}: {problem}", tr.t(which))
    })
}

/// `POST /admin/moderation/settings`: the site's policy, thresholds and word lists (admins).
async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<SettingsForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.administer)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    let old = state.store.moderation_settings().await?;
    let parsed = (|| {
        let mode = parse_mode(tr, &form.mode, &form.first)?;
        let days = parse_days(tr, &form.auto_close_days)?.unwrap_or(0);
        let link = parse_count(tr, &form.link_hold_below, "desk-field-link-hold", 1000)?;
        let reports = parse_count(tr, &form.report_threshold, "desk-field-reports", 1000)?;
        let current = old.reporter_bar();
        let reporters = ReporterBar {
            verified: match form.report_requires_verified.as_deref().map(str::trim) {
                None => current.verified,
                Some("yes") => true,
                Some("no") => false,
                Some(_) => return Err(tr.t("desk-settings-verified-choice")),
            },
            min_account_days: match &form.report_min_account_days {
                None => current.min_account_days,
                Some(d) => parse_count(tr, d, "desk-field-report-days", 3650)?,
            },
            min_approved: match &form.report_min_approved {
                None => current.min_approved,
                Some(n) => parse_count(tr, n, "desk-field-report-approved", 1000)?,
            },
        };
        let spam: f64 = form
            .spam_threshold
            .trim()
            .parse()
            .ok()
            .filter(|p: &f64| (0.5..=1.0).contains(p))
            .ok_or_else(|| tr.t("desk-settings-spam-range"))?;
        let trust = form.trust.parse(tr, reporters, &old)?;
        let banned = parse_words(tr, &form.banned, "desk-words-banned")?;
        let suspect = parse_words(tr, &form.suspect, "desk-words-suspect")?;
        Ok::<_, String>((mode, days, link, reports, trust, spam, banned, suspect))
    })();
    let (mode, days, link, reports, (trust, hold_first), spam, banned, suspect) = match parsed {
        Ok(p) => p,
        Err(m) => {
            return render_settings(
                &state,
                &viewer,
                Some(m),
                None,
                Some(&form),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = state.clock.now();
    let who = actor(&user);
    let layer = PolicyLayer {
        mode: Some(mode),
        auto_close_days: Some(days),
    };
    if layer != state.store.policy_layer("site", 0).await? {
        state
            .store
            .set_policy("site", 0, layer, &who, ("site", ""), now)
            .await?;
        state.pages.changed(Change::Everything);
    }
    if (
        old.link_hold_below,
        old.report_threshold,
        old.trust_thresholds(),
        old.hold_first_comment,
        old.spam_threshold,
    ) != (link, reports, trust, hold_first, spam)
    {
        state
            .store
            .save_moderation_settings(link, reports, trust, hold_first, spam, &who, now)
            .await?;
    }
    let (old_banned, old_suspect, _) = state.store.word_lists().await?;
    if old_banned != banned.join("\n") || old_suspect != suspect.join("\n") {
        state
            .store
            .save_word_lists(&banned, &suspect, &who, now)
            .await?;
    }
    let saved = super::desk::urlencoding(&Tr::new(viewer.locale).t("desk-settings-saved"));
    Ok(Redirect::to(&format!("/admin/moderation/settings?message={saved}")).into_response())
}

#[derive(Deserialize, Default, Clone)]
struct PolicyForm {
    /// `section` or `article`.
    #[serde(default)]
    scope: String,
    /// The section's or the article's slug.
    #[serde(default)]
    target: String,
    /// `inherit`, `open`, `closed` or `premoderated`.
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first: String,
    /// Blank inherits; 0 never closes.
    #[serde(default)]
    auto_close_days: String,
}

/// `POST /admin/moderation/policies`: a section's or an article's comment policy (editors
/// and admins).
async fn save_policy(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<PolicyForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.policies)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    let fail = |m: String| {
        let (state, viewer, typed) = (state.clone(), viewer.clone(), form.clone());
        async move {
            render_settings(
                &state,
                &viewer,
                Some(m),
                None,
                None,
                Some(&typed),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let target = form.target.trim().trim_start_matches("/articles/");
    let (scope, id, name) = match form.scope.as_str() {
        "section" => match Slug::parse(target) {
            Ok(slug) => match state.store.section_by_slug(&slug).await? {
                Some(s) => ("section", s.id, s.name),
                None => return fail(tr.t1("desk-policy-no-section", "target", target)).await,
            },
            Err(_) => return fail(tr.t1("desk-policy-no-section", "target", target)).await,
        },
        "article" => match state.store.article_id_by_slug(target).await? {
            Some((id, title)) => ("article", id, title),
            None => {
                return fail(tr.t1("desk-policy-no-article", "target", target)).await;
            }
        },
        _ => return fail(tr.t("desk-policy-no-scope")).await,
    };
    let layer = match policy_layer_in(tr, &form.mode, &form.first, &form.auto_close_days) {
        Ok(l) => l,
        Err(e) => return fail(e).await,
    };
    state
        .store
        .set_policy(
            scope,
            id,
            layer,
            &actor(&user),
            (scope, &name),
            state.clock.now(),
        )
        .await?;
    state.pages.changed(Change::Everything);
    let saved = super::desk::urlencoding(&Tr::new(viewer.locale).t("desk-policy-saved"));
    Ok(Redirect::to(&format!("/admin/moderation/settings?message={saved}")).into_response())
}

// ----- the audit log -----
