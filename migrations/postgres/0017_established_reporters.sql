-- Reports hide a comment only when they come from established members; reports from anyone
-- else are still recorded and shown on the desk. The bar is the site's: a confirmed address
-- (report_requires_verified), an account at least report_min_account_days old, and at least
-- report_min_approved comments shown to readers. Each report records whether its reporter
-- cleared the bar when they reported (counts_toward_hiding); reports made before this
-- migration keep counting, as they did.
ALTER TABLE moderation_settings ADD COLUMN report_requires_verified BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE moderation_settings ADD COLUMN report_min_account_days BIGINT NOT NULL DEFAULT 1;
ALTER TABLE moderation_settings ADD COLUMN report_min_approved BIGINT NOT NULL DEFAULT 1;
ALTER TABLE comment_reports ADD COLUMN counts_toward_hiding BOOLEAN NOT NULL DEFAULT TRUE;
