-- Newsletters: editors define them, members subscribe, editions go out by mail (see the
-- SQLite migration of the same number for what each column means).
CREATE TABLE newsletters (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    description       TEXT NOT NULL DEFAULT '',
    sender_name       TEXT NOT NULL,
    source            TEXT NOT NULL CHECK (source IN ('picked', 'section', 'tag')),
    section_id        BIGINT REFERENCES sections (id) ON DELETE SET NULL,
    tag_id            BIGINT REFERENCES tags (id) ON DELETE SET NULL,
    send_hour         BIGINT CHECK (send_hour BETWEEN 0 AND 23),
    scheduled_through TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    CHECK ((source = 'picked') = (send_hour IS NULL))
);

CREATE TABLE newsletter_subscriptions (
    newsletter_id BIGINT NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (newsletter_id, user_id)
);
CREATE INDEX newsletter_subscriptions_user ON newsletter_subscriptions (user_id);

CREATE TABLE newsletter_editions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    newsletter_id BIGINT NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    subject       TEXT NOT NULL,
    intro         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
    slot          TIMESTAMPTZ,
    fanout_after  BIGINT NOT NULL DEFAULT 0,
    recipients    BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    sent_at       TIMESTAMPTZ,
    UNIQUE (newsletter_id, slot)
);
CREATE INDEX newsletter_editions_newsletter ON newsletter_editions (newsletter_id, id);

CREATE TABLE newsletter_edition_articles (
    edition_id BIGINT NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    PRIMARY KEY (edition_id, article_id)
);

ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check
    CHECK (kind IN ('mail', 'webhook', 'purge', 'newsletter', 'newsletter_mail'));

ALTER TABLE single_use_tokens DROP CONSTRAINT single_use_tokens_purpose_check;
ALTER TABLE single_use_tokens ADD CONSTRAINT single_use_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'email_verification', 'signin_link', 'signup',
                       'newsletter_subscription'));
ALTER TABLE single_use_tokens DROP CONSTRAINT single_use_tokens_check;
ALTER TABLE single_use_tokens ADD CONSTRAINT single_use_tokens_check
    CHECK (purpose = 'newsletter_subscription' OR (user_id IS NULL) = (purpose = 'signup'));
