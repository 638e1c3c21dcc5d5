//! The media library: `/admin/media` (upload an image, list the library) and `/media/{name}`
//! (the stored files, cacheable for a year). How pages show an image is `reading::images`.
//! The rich-text editor's picker reads `/admin/media/library.json` and uploads through the same
//! `POST /admin/media`, asking for JSON (`Accept: application/json`) instead of a page.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::domain::media::{self, TextProblem, VariantName, check_text, content_hash};
use crate::domain::moderation::staff_access;
use crate::store::media::{MediaRow, NewMedia};
use crate::store::sessions::SessionUser;
use crate::web::layout::{Layout, TimeView};
use crate::web::middleware::UPLOAD_PATH;
use crate::web::newsroom::media_words::{self, image_problem, too_large};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Refusal, Result};

/// The most bytes a text field of the upload form may have.
const MAX_TEXT_FIELD_BYTES: usize = 8 * 1024;

const LIBRARY_LENGTH: i64 = 60;
/// How many of the newest images the editor's picker offers.
const PICKER_LENGTH: i64 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            UPLOAD_PATH,
            get(library_page)
                .post(upload)
                // The body is already limited, to this route's own size, before routing.
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/admin/media/library.json", get(library_json))
        .route("/media/{name}", get(media_file))
}

/// The signed-in contributor (or anyone above), or why not.
fn require_media(viewer: &Viewer) -> Result<&SessionUser> {
    let user = viewer.require_user()?;
    if !staff_access(Some(user.role())).media {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("newsroom-media-forbidden"),
        ));
    }
    Ok(user)
}

/// An image in the library list.
pub struct MediaView {
    /// The URL to paste into an article's featured-image field (the largest width).
    pub url: String,
    /// The line that places it in a story's body (`::image[alt]{media=id}`).
    pub block: String,
    /// The narrowest width, for the list's thumbnail.
    pub thumb: String,
    pub thumb_width: u32,
    pub thumb_height: u32,
    pub alt: String,
    pub caption: String,
    pub dimensions: String,
    pub widths: String,
    pub kind: String,
    pub uploader: String,
    pub uploaded: TimeView,
}

impl MediaView {
    fn from(row: &MediaRow, dates: &Dates, tr: Tr) -> Option<MediaView> {
        let kind = row.kind()?;
        let widths = row.widths();
        let (w, h) = (
            u32::try_from(row.width).ok()?,
            u32::try_from(row.height).ok()?,
        );
        let r = media::responsive(&row.hash, kind, w, h, &widths)?;
        let narrowest = *widths.iter().min()?;
        Some(MediaView {
            url: r.src,
            block: crate::domain::blocks::image_directive(&row.alt, row.id),
            thumb: VariantName {
                hash: row.hash.clone(),
                width: narrowest,
                kind,
            }
            .url(),
            thumb_width: narrowest,
            thumb_height: media::scaled_height(w, h, narrowest),
            alt: row.alt.clone(),
            caption: row.caption.clone().unwrap_or_default(),
            dimensions: media_words::dimensions(dates, w, h),
            widths: widths
                .iter()
                .map(|w| dates.number(i64::from(*w)))
                .collect::<Vec<_>>()
                .join(", "),
            kind: kind.label().to_owned(),
            uploader: row
                .uploader
                .clone()
                .unwrap_or_else(|| tr.t("nlm-former-member")),
            uploaded: TimeView::long(row.created_at, dates),
        })
    }
}

/// An image as the editor's picker sees it.
#[derive(Serialize)]
struct PickerItem {
    id: i64,
    url: String,
    thumb: String,
    thumb_width: u32,
    thumb_height: u32,
    alt: String,
    caption: String,
}

impl PickerItem {
    /// The picker shows no dates, sizes or uploaders: English's way of writing them does for
    /// the view it borrows.
    fn from(row: &MediaRow) -> Option<PickerItem> {
        let v = MediaView::from(row, &Dates::default(), Tr::default())?;
        Some(PickerItem {
            id: row.id,
            url: v.url,
            thumb: v.thumb,
            thumb_width: v.thumb_width,
            thumb_height: v.thumb_height,
            alt: v.alt,
            caption: v.caption,
        })
    }
}

/// `GET /admin/media/library.json`: the newest images, for the editor's picker.
async fn library_json(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    require_media(&viewer)?;
    let rows = state.store.recent_media(PICKER_LENGTH).await?;
    let items: Vec<PickerItem> = rows.iter().filter_map(PickerItem::from).collect();
    let mut r = Json(serde_json::json!({ "items": items })).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Where an upload ends: the library page showing the image, or (for the editor) the image as
/// JSON, `201 Created` when it is new.
async fn uploaded(state: &AppState, json: bool, hash: &str, existing: bool) -> Result<Response> {
    if !json {
        let flag = if existing { "&existing=1" } else { "" };
        return Ok(Redirect::to(&format!("{UPLOAD_PATH}?uploaded={hash}{flag}")).into_response());
    }
    let item = state
        .store
        .media_by_hash(hash)
        .await?
        .as_ref()
        .and_then(PickerItem::from)
        .ok_or(Error::NotFound)?;
    let status = if existing {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((
        status,
        Json(serde_json::json!({ "item": item, "existing": existing })),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "admin_media.html")]
struct LibraryPage {
    layout: Layout,
    csrf: String,
    max_upload: String,
    error: Option<String>,
    alt: String,
    caption: String,
    /// The image just uploaded.
    uploaded: Option<MediaView>,
    /// Whether it was already in the library.
    existing: bool,
    items: Vec<MediaView>,
    total: i64,
    /// The library holds more than the list shows.
    more: bool,
}

/// What the form keeps when it is sent back with an error.
#[derive(Default)]
struct Kept {
    alt: String,
    caption: String,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    error: Option<String>,
    kept: Kept,
    uploaded: Option<(MediaView, bool)>,
) -> Result<Response> {
    let (uploaded, existing) = match uploaded {
        Some((view, existing)) => (Some(view), existing),
        None => (None, false),
    };
    let rows = state.store.recent_media(LIBRARY_LENGTH).await?;
    let total = state.store.media_count().await?;
    let page = LibraryPage {
        layout: Layout::titled(state, viewer, "newsroom-images").await?,
        csrf: viewer.csrf.clone(),
        max_upload: media_words::size(
            Tr::new(viewer.locale),
            &viewer.dates,
            state.config.max_upload_bytes as u64,
        ),
        error,
        alt: kept.alt,
        caption: kept.caption,
        uploaded,
        existing,
        more: total > rows.len() as i64,
        items: rows
            .iter()
            .filter_map(|r| MediaView::from(r, &viewer.dates, Tr::new(viewer.locale)))
            .collect(),
        total,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize, Default)]
struct LibraryQuery {
    uploaded: Option<String>,
    existing: Option<String>,
}

/// `GET /admin/media`: the upload form and the library, newest first (`?uploaded=HASH` shows
/// the image just uploaded at the top).
async fn library_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<LibraryQuery>,
) -> Result<Response> {
    require_media(&viewer)?;
    let mut uploaded = None;
    if let Some(hash) = q.uploaded.as_deref().filter(|h| h.len() == 32)
        && let Some(row) = state.store.media_by_hash(hash).await?
    {
        uploaded = MediaView::from(&row, &viewer.dates, Tr::new(viewer.locale))
            .map(|v| (v, q.existing.is_some()));
    }
    render(
        &state,
        &viewer,
        StatusCode::OK,
        None,
        Kept::default(),
        uploaded,
    )
    .await
}

/// What the upload form sent.
#[derive(Default)]
struct UploadForm {
    csrf: String,
    alt: String,
    caption: String,
    file: Option<Bytes>,
}

/// A refusal of the upload: its status and the words the uploader reads.
struct Refused(StatusCode, String);

/// Reads one multipart field, at most `max` bytes (`Err(None)` past that).
async fn read_field(
    field: &mut axum::extract::multipart::Field<'_>,
    max: usize,
) -> std::result::Result<Vec<u8>, Option<axum::extract::multipart::MultipartError>> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(Some)? {
        if out.len() + chunk.len() > max {
            return Err(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Reads the form, refusing a file over the size limit as soon as it is seen to be (in the
/// words of `tr` and `dates`).
async fn read_form(
    mut multipart: Multipart,
    max_file: usize,
    tr: Tr,
    dates: &Dates,
) -> std::result::Result<UploadForm, Refused> {
    let too_large = || {
        Refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            too_large(tr, dates, max_file),
        )
    };
    let broken = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Refused(StatusCode::BAD_REQUEST, tr.t("nlm-upload-garbled"))
        }
    };
    let mut form = UploadForm::default();
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            if form.file.is_some() {
                return Err(Refused(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    tr.t("nlm-upload-one-at-a-time"),
                ));
            }
            let bytes = read_field(&mut field, max_file)
                .await
                .map_err(|e| match e {
                    Some(e) => broken(e),
                    None => too_large(),
                })?;
            form.file = Some(Bytes::from(bytes));
            continue;
        }
        let text = read_field(&mut field, MAX_TEXT_FIELD_BYTES)
            .await
            .map_err(|e| match e {
                Some(e) => broken(e),
                None => Refused(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    tr.t1("nlm-upload-field-too-long", "field", &name),
                ),
            })?;
        let text = String::from_utf8_lossy(&text).into_owned();
        match name.as_str() {
            "csrf" => form.csrf = text,
            "alt" => form.alt = text,
            "caption" => form.caption = text,
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /admin/media`: uploads an image (multipart: `file`, `alt`, `caption`). Every width is
/// written and the row recorded, or nothing is; the same bytes a second time find the image
/// already there.
async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    // Who is asking comes first: a stranger learns nothing about what the form expects.
    let user_id = require_media(&viewer)?.id;
    let tr = Tr::new(viewer.locale);
    let multipart = multipart.map_err(|_| Error::BadRequest(tr.t("nlm-upload-not-multipart")))?;
    let json = wants_json(&headers);
    // The editor reads a refusal as JSON (the error middleware writes it); a person, the form.
    let refuse = |status: StatusCode, message: String, kept: Kept| {
        let (state, viewer) = (&state, &viewer);
        async move {
            if json {
                return Err(Error::Rejected(Refusal {
                    status,
                    message,
                    retry_after: None,
                }));
            }
            render(state, viewer, status, Some(message), kept, None).await
        }
    };
    let form = match read_form(multipart, state.config.max_upload_bytes, tr, &viewer.dates).await {
        Ok(form) => form,
        Err(Refused(status, message)) => return refuse(status, message, Kept::default()).await,
    };
    viewer.check_csrf(&form.csrf)?;
    let kept = Kept {
        alt: form.alt.clone(),
        caption: form.caption.clone(),
    };
    let (alt, caption) = match check_text(&form.alt, &form.caption) {
        Ok(t) => t,
        Err(problem) => {
            let m = match problem {
                TextProblem::NoAlt => tr.t("newsroom-media-no-alt"),
                TextProblem::AltTooLong(max) => tr.t1("newsroom-media-alt-too-long", "max", max),
                TextProblem::CaptionTooLong(max) => {
                    tr.t1("newsroom-media-caption-too-long", "max", max)
                }
                TextProblem::NotPlain => tr.t("newsroom-media-not-plain"),
            };
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, m, kept).await;
        }
    };
    let Some(bytes) = form.file.filter(|b| !b.is_empty()) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t("newsroom-media-choose-file"),
            kept,
        )
        .await;
    };
    let hash = content_hash(&bytes);
    let existing = state.store.media_by_hash(&hash).await?;
    if let Some(row) = &existing
        && all_files_present(&state, row, tr).await?
    {
        return uploaded(&state, json, &hash, true).await;
    }
    let byte_size = bytes.len() as u64;
    let started = std::time::Instant::now();
    let processed = match state.media.process(bytes).await {
        Ok(p) => p,
        Err(p) => {
            let m = image_problem(tr, &viewer.dates, p);
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, m, kept).await;
        }
    };
    let widths: Vec<u32> = processed.variants.iter().map(|v| v.width).collect();
    let kind = processed.kind;
    let (width, height) = (processed.width, processed.height);
    // Storing runs as a task of its own: if the request is dropped now (the client goes, the
    // request times out), the files and the row are still all written, or none.
    let task = {
        let state = state.clone();
        let hash = hash.clone();
        let repair = existing.is_some();
        tokio::spawn(async move {
            let written = state
                .media
                .write_all(&hash, kind, &processed.variants)
                .await
                .map_err(Stored::Failed)?;
            if repair {
                return Ok(None);
            }
            let new = NewMedia {
                hash: &hash,
                kind,
                width,
                height,
                widths: &widths,
                byte_size,
                alt: &alt,
                caption: caption.as_deref(),
                uploaded_by: user_id,
            };
            match state.store.insert_media(&new, state.clock.now()).await {
                Ok(id) => Ok(id),
                Err(e) => {
                    state.media.remove_all(&written).await;
                    Err(Stored::Database(e))
                }
            }
        })
    };
    let stored = task.await.map_err(|e| {
        tracing::error!(error = %e, "storing an upload panicked");
        Error::Rejected(Refusal {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: tr.t("nlm-upload-not-stored"),
            retry_after: None,
        })
    })?;
    match stored {
        Ok(Some(id)) => {
            tracing::info!(
                media = id, %hash, kind = kind.as_str(), width, height, bytes = byte_size,
                ms = started.elapsed().as_millis() as u64, by = user_id,
                "image uploaded"
            );
            uploaded(&state, json, &hash, false).await
        }
        // Either the row was there but files were missing (a restored database, a wiped
        // folder) and they are back now, or the same bytes were uploaded at the same moment by
        // someone else, whose row is kept (its files are byte for byte these).
        Ok(None) => uploaded(&state, json, &hash, true).await,
        Err(Stored::Failed(e)) => {
            tracing::error!(error = %e, %hash, "writing an image failed; nothing was kept");
            Err(Error::Rejected(Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: tr.t("nlm-upload-store-failed"),
                retry_after: Some(5),
            }))
        }
        Err(Stored::Database(e)) => Err(e.into()),
    }
}

/// Why storing an upload failed; in both cases nothing of it is left.
enum Stored {
    Failed(crate::services::media::StorageError),
    Database(crate::store::Error),
}

async fn all_files_present(state: &AppState, row: &MediaRow, tr: Tr) -> Result<bool> {
    let Some(kind) = row.kind() else {
        return Ok(false);
    };
    for width in row.widths() {
        let key = VariantName {
            hash: row.hash.clone(),
            width,
            kind,
        }
        .key();
        let present = state.media.store().exists(&key).await.map_err(|e| {
            tracing::error!(error = %e, "media storage unavailable");
            Error::Rejected(Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: tr.t("nlm-storage-down"),
                retry_after: Some(5),
            })
        })?;
        if !present {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `GET /media/{name}`: a stored image file. Names are content-hashed, so the file under a
/// name never changes: a year's caching, `immutable`, and an ETag for revalidation.
async fn media_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let variant = VariantName::parse(&name).ok_or(Error::NotFound)?;
    let etag = format!("\"{}\"", variant.key());
    let cache = (header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let bytes = if matches {
        // Only known files get a 304.
        if !state
            .media
            .store()
            .exists(&variant.key())
            .await
            .map_err(|e| storage_down(&state, e))?
        {
            return Err(Error::NotFound);
        }
        None
    } else {
        Some(
            state
                .media
                .store()
                .get(&variant.key())
                .await
                .map_err(|e| storage_down(&state, e))?
                .ok_or(Error::NotFound)?,
        )
    };
    let etag = HeaderValue::from_str(&etag).expect("hex and digits");
    Ok(match bytes {
        None => (StatusCode::NOT_MODIFIED, [cache], [(header::ETAG, etag)]).into_response(),
        Some(bytes) => (
            [cache, (header::CONTENT_TYPE, variant.kind.mime())],
            [(header::ETAG, etag)],
            bytes,
        )
            .into_response(),
    })
}

/// The image files are public and cached: their refusal is in the site's language.
fn storage_down(state: &AppState, e: crate::services::media::StorageError) -> Error {
    tracing::error!(error = %e, "media storage unavailable");
    Error::Rejected(Refusal {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: Tr::new(state.config.locale).t("nlm-image-unavailable"),
        retry_after: Some(5),
    })
}
