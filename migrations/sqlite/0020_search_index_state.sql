-- Which version of the application's accent folding built the search index (see
-- domain::search::FOLD_VERSION). 0: a version before it was recorded; the next start rebuilds
-- the index and records its own.
CREATE TABLE search_index_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    fold_version BIGINT NOT NULL
);
INSERT INTO search_index_state (id, fold_version) VALUES (1, 0);
