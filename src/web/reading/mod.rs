//! Reading: the front page, articles and their conversations as shown, section, tag and author
//! listings, search, feeds and sitemaps, and members' copies of article pages.

pub mod feeds;
pub mod images;
pub mod listings;
pub mod live;
pub mod member_pages;
pub mod pages;
pub mod search;
mod sitemap;
pub mod thread;

use axum::Router;

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(pages::router())
        .merge(search::router())
        .merge(feeds::router())
        .merge(live::router())
}
