-- qda project schema, version 10: instruments. An interview guide or observation protocol is
-- imported as a source of kind `instrument`; each link names a source collected with it.
-- (Audit report, issue 5. IF NOT EXISTS: merged alongside other engineers' migrations.)
CREATE TABLE IF NOT EXISTS instrument_link (
    id            INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES source(id),
    source_id     INTEGER NOT NULL REFERENCES source(id),
    linked_at     TEXT NOT NULL,
    linked_by     TEXT NOT NULL,
    UNIQUE (instrument_id, source_id)
);
CREATE INDEX IF NOT EXISTS instrument_link_source ON instrument_link(source_id);
