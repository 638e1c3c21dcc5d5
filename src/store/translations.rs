//! Articles' own languages and their translations of one another (migration 0035): the
//! newsroom marks one article as the translation of another, and the group's published
//! articles link to each other ("Read in", `hreflang`).

use chrono::{DateTime, Utc};

use super::{Error, Result, Store, query};
use crate::domain::newsroom::Clash;

/// One article of a translation group, as its siblings link to it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Translation {
    pub slug: String,
    pub title: String,
    /// Its language (a BCP 47 tag).
    pub lang: String,
}

/// An article's language and translation as the newsroom's form shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageFields {
    /// The article's own language; `None`: the site's.
    pub lang: Option<String>,
    /// The address (slug) of another article of its group, if it is in one.
    pub translation_of: Option<String>,
}

impl Store {
    /// The published articles of `article_id`'s translation group at `now`, itself included,
    /// by language; empty when it is in none.
    pub async fn translations(
        &self,
        article_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Translation>> {
        query(
            "SELECT a.slug, a.title, t.lang FROM article_translations me \
             JOIN article_translations t ON t.group_id = me.group_id \
             JOIN articles a ON a.id = t.article_id \
             WHERE me.article_id = $1 AND a.published_at <= $2 ORDER BY t.lang",
        )
        .bind(article_id)
        .bind(now)
        .fetch_all(self.read())
        .await
    }

    /// Article `id`'s own language and another article of its translation group (the one it
    /// was marked a translation of, or else the first by id).
    pub async fn language_fields(&self, id: i64) -> Result<LanguageFields> {
        let lang: Option<Option<String>> = query("SELECT lang FROM articles WHERE id = $1")
            .bind(id)
            .scalar_optional(self.read())
            .await?;
        let other: Option<String> = query(
            "SELECT a.slug FROM article_translations me \
             JOIN article_translations t ON t.group_id = me.group_id AND t.article_id <> me.article_id \
             JOIN articles a ON a.id = t.article_id \
             WHERE me.article_id = $1 ORDER BY t.article_id = t.group_id DESC, t.article_id LIMIT 1",
        )
        .bind(id)
        .scalar_optional(self.read())
        .await?;
        Ok(LanguageFields {
            lang: lang.flatten(),
            translation_of: other,
        })
    }

    /// Sets article `id`'s own language (`None`: the site's, `site` being its tag) and makes
    /// it a translation of the article at `translation_of` (joining that article's group, or
    /// starting one with it), or of none. Another article of the group in the same language is
    /// [`Error::Duplicate`] of `article_translations (group_id, lang)`; an unknown address or
    /// the article itself is [`Error::Conflict`] with a sentence to show.
    pub async fn set_article_language(
        &self,
        id: i64,
        lang: Option<&str>,
        site: &str,
        translation_of: Option<&str>,
    ) -> Result<()> {
        let effective = lang.unwrap_or(site);
        let mut tx = self.begin().await?;
        query("UPDATE articles SET lang = $1 WHERE id = $2")
            .bind(lang)
            .bind(id)
            .execute(&mut tx)
            .await?;
        let Some(slug) = translation_of else {
            query("DELETE FROM article_translations WHERE article_id = $1")
                .bind(id)
                .execute(&mut tx)
                .await?;
            return tx.commit().await;
        };
        let other: Option<(i64, Option<String>)> =
            query("SELECT id, lang FROM articles WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&mut tx)
                .await?;
        let Some((other, other_lang)) = other else {
            return Err(Error::Clash(Clash::NoArticleAt(slug.to_owned())));
        };
        if other == id {
            return Err(Error::Clash(Clash::TranslationOfItself));
        }
        let group: Option<i64> =
            query("SELECT group_id FROM article_translations WHERE article_id = $1")
                .bind(other)
                .scalar_optional(&mut tx)
                .await?;
        let group = match group {
            Some(g) => g,
            None => {
                query(
                    "INSERT INTO article_translations (article_id, group_id, lang) \
                     VALUES ($1, $1, $2)",
                )
                .bind(other)
                .bind(other_lang.as_deref().unwrap_or(site))
                .execute(&mut tx)
                .await?;
                other
            }
        };
        query(
            "INSERT INTO article_translations (article_id, group_id, lang) VALUES ($1, $2, $3) \
             ON CONFLICT (article_id) DO UPDATE SET group_id = excluded.group_id, lang = excluded.lang",
        )
        .bind(id)
        .bind(group)
        .bind(effective)
        .execute(&mut tx)
        .await?;
        tx.commit().await
    }

    /// The language alternates of the published articles with ids in `after..=up_to` (a
    /// sitemap page's): each article's slug with each published article of its group, itself
    /// included.
    pub async fn sitemap_alternates(
        &self,
        after: i64,
        up_to: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, Translation)>> {
        let rows: Vec<(String, String, String, String)> = query(
            "SELECT m.slug, a.slug, a.title, t.lang FROM article_translations me \
             JOIN articles m ON m.id = me.article_id \
             JOIN article_translations t ON t.group_id = me.group_id \
             JOIN articles a ON a.id = t.article_id \
             WHERE me.article_id > $1 AND me.article_id <= $2 AND m.published_at <= $3 \
             AND a.published_at <= $3 ORDER BY me.article_id, t.lang",
        )
        .bind(after)
        .bind(up_to)
        .bind(now)
        .fetch_all(self.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(of, slug, title, lang)| (of, Translation { slug, title, lang }))
            .collect())
    }
}
