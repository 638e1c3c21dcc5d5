-- Readers' trust (see src/domain/moderation/trust.rs). The member bar is the one reports
-- already used (report_requires_verified, report_min_account_days, report_min_approved);
-- these add the bar for trusted members, automatic demotion after rejections, and whether a
-- new member's first comment waits for a moderator.
ALTER TABLE moderation_settings ADD COLUMN trusted_min_account_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE moderation_settings ADD COLUMN trusted_min_approved INTEGER NOT NULL DEFAULT 20;
ALTER TABLE moderation_settings ADD COLUMN demote_window_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE moderation_settings ADD COLUMN demote_after INTEGER NOT NULL DEFAULT 2;
ALTER TABLE moderation_settings ADD COLUMN hold_first_comment INTEGER NOT NULL DEFAULT 0;

-- Why a held comment waits, beyond held_reason: the word found, the spam score, the author's
-- level (HoldDetail as JSON; '' for comments held before this migration).
ALTER TABLE comments ADD COLUMN held_detail TEXT NOT NULL DEFAULT '';

-- What a report weighs toward hiding a comment: 2 from a trusted member, else 1 (reports that
-- do not count at all keep counts_toward_hiding false).
ALTER TABLE comment_reports ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;

-- Mutes: a member no longer sees another's comments unfolded. Private to the muter; gone with
-- either account.
CREATE TABLE member_mutes (
    muter_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (muter_id, muted_id),
    CHECK (muter_id <> muted_id)
);
CREATE INDEX member_mutes_muted ON member_mutes (muted_id);

-- A member's recent rejections (trust's demotion rule), found from the log by index rather than
-- by walking a prolific member's comments.
CREATE INDEX moderation_log_user ON moderation_log (user_id, action, at);
