//! `/admin`: the staff's dashboard, a part per role (`domain::staff::staff_links`): the
//! newsroom's numbers for contributors and up, the moderation desk's for moderators and up, the
//! site's for admins. Each figure is an SVG chart drawn here (`chart`) with its numbers in a
//! table beside it; `panels` gathers them from the store.

pub mod chart;
mod panels;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::domain::l10n::Tr;
use crate::domain::staff::staff_links;
use crate::web::layout::Layout;
use crate::web::newsroom::words::{CODE, with_code};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new().route("/admin", get(dashboard))
}

/// A part of the dashboard: the numbers of one desk, and links to its tools.
pub struct Panel {
    pub id: &'static str,
    pub heading: String,
    pub links: Vec<(&'static str, String)>,
    pub figures: Vec<Figure>,
}

/// One figure: a chart (when there is something to draw), its legend, and its numbers.
pub struct Figure {
    /// The element's id, for links and tests; the chart's ids start with it.
    pub id: &'static str,
    pub heading: String,
    pub svg: Option<String>,
    /// The lines' CSS classes and names, for a chart of several lines.
    pub legend: Vec<(&'static str, String)>,
    pub table: Table,
    /// What the figure says when the table has no rows.
    pub empty: String,
    /// A long table (a row per hour or day) is folded under the chart.
    pub folded: bool,
}

/// A table of numbers: a header row, then rows led by a label (a link, when it names a page).
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub label: String,
    pub href: Option<String>,
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin_dashboard.html")]
struct DashboardPage {
    layout: Layout,
    panels: Vec<Panel>,
    counting: bool,
    /// Why the most read stay empty when views are not counted, as HTML (it names the setting
    /// as code).
    not_counting: String,
}

/// `GET /admin`: the dashboard of the signed-in staff member's role.
async fn dashboard(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    let user = viewer.require_user()?;
    let links = staff_links(user.role());
    if !links.any() {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("newsroom-dash-forbidden"),
        ));
    }
    // This process's views so far, so the numbers include the latest (other processes add
    // theirs within seconds).
    if let Err(e) = state.views.flush(&state.store).await {
        tracing::warn!(error = %e, "dashboard: could not add this process's page views");
    }
    let now = state.clock.now();
    let words = panels::Words {
        tr: Tr::new(viewer.locale),
        dates: &viewer.dates,
    };
    let mut panels = Vec::new();
    if links.newsroom {
        panels.push(panels::newsroom(&state, user, now, &words).await?);
    }
    if links.moderation {
        panels.push(panels::moderation(&state, now, &words).await?);
    }
    if links.admin {
        panels.push(panels::site(&state, now, &words).await?);
    }
    let not_counting = with_code(
        &words.tr.t1("newsroom-dash-not-counting", "code", CODE),
        "no_view_counting",
    );
    let page = DashboardPage {
        layout: Layout::titled(&state, &viewer, "newsroom-dashboard").await?,
        panels,
        counting: state.views.enabled(),
        not_counting,
    };
    Ok(Html(page.render()?).into_response())
}
