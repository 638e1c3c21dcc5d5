//! Broadsheet: a news site with a conversation under every story, in one binary.
//!
//! - [`domain`]: types and rules (no HTTP, no SQL)
//! - [`store`]: all SQL, per aggregate; migrations per backend
//! - [`web`]: router, handlers, templates, errors
//! - [`cli`]: every operations task as a subcommand
//! - [`webhooks`]: the background delivery of webhook events

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod mail;
pub mod media;
pub mod notify;
pub mod oidc;
pub mod store;
pub mod web;
pub mod webhooks;
