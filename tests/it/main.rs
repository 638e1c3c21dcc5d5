//! Every integration test in one binary: each module was once a test binary of its own, and each
//! of those linked the whole application. The tests run in one process, so what they share
//! (ports, database names, the PostgreSQL template) is made per test in `common`.

// First, so that its macros are in scope in every module below.
#[macro_use]
mod common;

mod accounts;
mod api;
mod api_write;
mod authorisation;
mod autosave;
mod cache;
mod check;
mod comment_feeds;
mod conversation;
mod dashboard;
mod discovery;
mod durability;
mod embed;
mod embed_actions;
mod embed_cache;
mod embed_frame_pages;
mod embed_import;
mod embed_rules;
mod embed_signin;
mod embed_thumbnails;
mod embed_tokens;
mod export;
mod i18n;
mod i18n_autosave;
mod i18n_conversation;
mod i18n_crawl;
mod i18n_desk;
mod i18n_editor;
mod i18n_embed;
mod i18n_live;
mod i18n_logfeed;
mod i18n_newsroom;
mod i18n_nlmedia;
mod i18n_reading;
mod imports;
mod jobs;
mod languages;
mod live;
mod live_api;
mod live_pages;
mod live_questions;
mod live_questions_screening;
mod media;
mod moderation;
mod newsletters;
mod newsroom;
mod notifications;
mod operations;
mod posting_together;
mod progress;
mod reading;
mod readmore_cards;
mod resilience;
mod return_to;
mod rich_editor;
mod search;
mod signin;
mod single_use;
mod spam_filter;
mod story_blocks;
mod trust;
mod varnish;
mod webhooks;
mod wp_media;
