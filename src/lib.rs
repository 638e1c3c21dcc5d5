//! Broadsheet: a news site with a conversation under every story, in one binary.
//!
//! - [`domain`]: types and rules (no HTTP, no SQL)
//! - [`store`]: all SQL, per aggregate; migrations per backend
//! - [`web`]: router, handlers, templates, errors
//! - [`cli`]: every operations task as a subcommand
//! - [`services`]: mail, notifications, webhooks, single sign-on and media, between web and store

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod services;
pub mod store;
pub mod web;
