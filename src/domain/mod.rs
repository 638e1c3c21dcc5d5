//! Types and rules of the newsroom: no HTTP, no SQL.

pub mod article;
pub mod blocks;
pub mod clock;
pub mod comment;
pub mod dashboard;
pub mod embed;
pub mod embed_style;
pub mod frontmatter;
pub mod host_token;
pub mod html_safety;
pub mod imports;
pub mod jobs;
pub mod l10n;
pub mod live;
pub mod live_question;
pub mod locale;
pub mod mail_relay;
pub mod markdown;
pub mod media;
pub mod moderation;
pub mod network;
pub mod newsletter;
pub mod newsroom;
pub mod notification;
pub mod return_to;
pub mod search;
pub mod signin;
pub mod slug;
pub mod spam;
pub mod staff;
pub mod surrogate;
pub mod token;
pub mod user;
pub mod webhook;
pub mod wordfilter;

pub use article::{
    ArticleCard, ArticleDetail, ArticleFilter, Byline, CommentTarget, Cursor, FeaturedImage,
    ListScope, NewArticle, RelatedLink,
};
pub use clock::Clock;
pub use slug::Slug;
