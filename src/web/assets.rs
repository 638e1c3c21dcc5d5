//! The stylesheet, icon and scripts, embedded in the binary and served under content-hashed
//! names so browsers may cache them for a year. The newsroom's rich-text editor
//! (`editor.js`, `editor.css`) is built from `editor/` and committed, so no build step here
//! needs npm.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::web::{AppState, Error};

pub struct Asset {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
}

pub struct Assets {
    pub stylesheet: Asset,
    pub icon: Asset,
    pub script: Asset,
    /// The article editor's rich-text editor, loaded on that page only.
    pub editor_script: Asset,
    pub editor_style: Asset,
    /// The article editor's autosave (the rich editor and the plain text area alike).
    pub autosave_script: Asset,
}

impl Asset {
    fn new(stem: &str, ext: &str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
        let hash = hex::encode(&Sha256::digest(bytes)[..6]);
        Asset {
            name: format!("{stem}.{hash}.{ext}"),
            content_type,
            bytes,
        }
    }

    pub fn href(&self) -> String {
        format!("/static/{}", self.name)
    }
}

impl Assets {
    pub fn new() -> Assets {
        Assets {
            stylesheet: Asset::new(
                "site",
                "css",
                "text/css; charset=utf-8",
                include_bytes!("../../static/site.css"),
            ),
            icon: Asset::new(
                "icon",
                "svg",
                "image/svg+xml",
                include_bytes!("../../static/icon.svg"),
            ),
            script: Asset::new(
                "app",
                "js",
                "text/javascript; charset=utf-8",
                include_bytes!("../../static/app.js"),
            ),
            editor_script: Asset::new(
                "editor",
                "js",
                "text/javascript; charset=utf-8",
                include_bytes!("../../static/editor.js"),
            ),
            editor_style: Asset::new(
                "editor",
                "css",
                "text/css; charset=utf-8",
                include_bytes!("../../static/editor.css"),
            ),
            autosave_script: Asset::new(
                "autosave",
                "js",
                "text/javascript; charset=utf-8",
                include_bytes!("../../static/autosave.js"),
            ),
        }
    }

    fn find(&self, name: &str) -> Option<&Asset> {
        [
            &self.stylesheet,
            &self.icon,
            &self.script,
            &self.editor_script,
            &self.editor_style,
            &self.autosave_script,
        ]
        .into_iter()
        .find(|a| a.name == name)
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

pub fn router() -> Router<AppState> {
    // Compressed as the browser accepts: the stylesheet and script are most of what a page
    // (and an embedded conversation's frame) loads.
    Router::new()
        .route("/static/{name}", get(static_file))
        .layer(tower_http::compression::CompressionLayer::new())
}

/// `GET /static/{name}`: an asset by its hashed name; an old hash is a 404, not stale bytes.
async fn static_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    let asset = state.assets.find(&name).ok_or(Error::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response())
}
