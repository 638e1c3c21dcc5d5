-- Purges of the shared caches in front of the site (kind `purge`: payload {"keys": [...]}, the
-- surrogate keys to purge at every configured purge URL) join the one job queue.
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('mail', 'webhook', 'purge'));
