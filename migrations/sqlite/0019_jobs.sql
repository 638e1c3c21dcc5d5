-- One job queue for every kind of background work (outgoing mail, webhook deliveries; cache
-- purges and newsletters to come), replacing mail_queue and webhook_deliveries, whose copies of
-- the same mechanism had drifted apart.
--
-- kind: which worker runs it. dedupe_key: what the job is about, so nothing is queued twice
-- (NULL: no such rule; each kind's keys start with their own words). subject_id: whom or what
-- it is for (mail: the member; webhook: the endpoint). There is no foreign key: the store
-- functions that delete a member or an endpoint delete their jobs in the same transaction.
-- payload: JSON, its shape per kind (mail: to, subject, body, unsubscribe_url, message_id;
-- webhook: event, body).
-- status: pending (waiting for run_at), running (claimed: run_at is the end of its lease, after
-- which another worker may take it), done, failed (given up). attempts: the attempts claimed
-- so far; a worker completes or fails only the attempt it claimed. last_code: the receiver's
-- HTTP status (webhooks).
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
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
CREATE INDEX jobs_due ON jobs (kind, status, run_at);
CREATE INDEX jobs_subject ON jobs (kind, subject_id, id);

-- Deliveries keep their ids: a receiver knows a retry by its Broadsheet-Delivery id.
INSERT INTO jobs (id, kind, dedupe_key, subject_id, payload, status, attempts, run_at,
                  last_error, last_code, created_at, finished_at)
SELECT id, 'webhook', NULL, webhook_id, json_object('event', event, 'body', payload),
       CASE status WHEN 'delivered' THEN 'done' ELSE status END,
       attempts, next_attempt_at, last_error, last_status, created_at, delivered_at
FROM webhook_deliveries ORDER BY id;

-- Mail ids are the queue's own: they follow the deliveries'.
INSERT INTO jobs (kind, dedupe_key, subject_id, payload, status, attempts, run_at,
                  last_error, last_code, created_at, finished_at)
SELECT 'mail', dedupe_key, user_id,
       json_object('to', to_address, 'subject', subject, 'body', body,
                   'unsubscribe_url', unsubscribe_url, 'message_id', message_id),
       CASE status WHEN 'sent' THEN 'done' ELSE status END,
       attempts, next_attempt_at, last_error, NULL, created_at, sent_at
FROM mail_queue ORDER BY id;

DROP TABLE webhook_deliveries;
DROP TABLE mail_queue;
