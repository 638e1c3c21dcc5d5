//! Services between the web layer and the store: they talk to the world outside the process
//! (SMTP, webhook endpoints, the identity provider, object storage) on the store's behalf.
//!
//! - [`mail`]: composing and sending mail, the mail worker
//! - [`newsletters`]: the newsletter worker: automatic editions, fan-outs, edition mail
//! - [`notify`]: reply and mention notifications, digests and the moderation-queue alert
//! - [`webhooks`]: signing and delivering webhook events
//! - [`purge`]: purging the shared caches in front of the site (Varnish, a CDN)
//! - [`oidc`]: single sign-on with an OpenID Connect provider
//! - [`media`]: uploaded images, on disk or in S3-compatible storage
//! - [`live`]: the fan-out of live updates to this process's open streams
//! - [`passwords`]: the threads that hash and check passwords, off the request threads
//! - [`words`]: this process's matcher for the moderation word lists
//! - [`views`]: counting article page views in memory, added to the database every few seconds
//! - [`wake`]: the wake-up call the queue workers (mail, webhooks, purges) sleep on

pub mod embed_thumbnails;
pub mod live;
pub mod mail;
pub mod media;
pub mod newsletters;
pub mod notify;
pub mod oidc;
pub mod passwords;
pub mod purge;
pub mod views;
pub mod wake;
pub mod webhooks;
pub mod words;
