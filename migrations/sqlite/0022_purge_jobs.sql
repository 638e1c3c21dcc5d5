-- Purges of the shared caches in front of the site (kind `purge`: payload {"keys": [...]}, the
-- surrogate keys to purge at every configured purge URL) join the one job queue. SQLite cannot
-- alter a CHECK constraint, so the table is rebuilt with the same columns, rows and indexes.
CREATE TABLE jobs_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('mail', 'webhook', 'purge')),
    dedupe_key  TEXT UNIQUE,
    subject_id  INTEGER,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_at      TEXT NOT NULL,
    last_error  TEXT,
    last_code   INTEGER,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);
INSERT INTO jobs_new (id, kind, dedupe_key, subject_id, payload, status, attempts, run_at,
                      last_error, last_code, created_at, finished_at)
SELECT id, kind, dedupe_key, subject_id, payload, status, attempts, run_at,
       last_error, last_code, created_at, finished_at
FROM jobs ORDER BY id;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_due ON jobs (kind, status, run_at);
CREATE INDEX jobs_subject ON jobs (kind, subject_id, id);
