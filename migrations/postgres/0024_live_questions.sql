-- Readers' questions to the newsroom on a live article ("Ask the newsroom"). Every question
-- waits on the moderation desk (held, why, as screening said); an approved one can be answered
-- once from the live desk, and the answer is a live update pointing back at it, so the stream
-- shows the question (credited to its asker by display name) above the answer.
CREATE TABLE live_questions (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id  BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    asker_id    BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('held', 'approved', 'rejected', 'answered')),
    held_reason TEXT        NOT NULL,
    held_note   TEXT        NOT NULL DEFAULT '',
    spam_score  DOUBLE PRECISION,
    -- The asker wants an e-mail once the answer is published; mailed_at says it was queued.
    notify      BOOLEAN     NOT NULL DEFAULT FALSE,
    mailed_at   TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    decided_at  TIMESTAMPTZ,
    decided_by  BIGINT      REFERENCES users (id) ON DELETE SET NULL
);
-- The desk's queue (by status, oldest first) and the live desk's list per article.
CREATE INDEX live_questions_queue ON live_questions (status, created_at, id);
CREATE INDEX live_questions_article ON live_questions (article_id, status, created_at);
CREATE INDEX live_questions_asker ON live_questions (asker_id);

ALTER TABLE live_updates ADD COLUMN question_id BIGINT REFERENCES live_questions (id) ON DELETE SET NULL;
-- A question is answered once.
CREATE UNIQUE INDEX live_updates_question ON live_updates (question_id);
