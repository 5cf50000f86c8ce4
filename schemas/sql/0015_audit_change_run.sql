-- qda project schema, version 15: a bulk event's inserted rows keep their digests many to a row.
-- An autocoding run inserts its codings with consecutive ids, in order, each with its digest.
-- One audit_change row per coding cost as much as the coding itself (about 54 bytes and one
-- B-tree insert each); here one row holds the digests of up to 256 consecutive inserts of one
-- table: the rows first_id, first_id + 1, ... in that order, 32 bytes (SHA-256) each.
-- audit_change keeps every other spilled row (updates, deletes, rows out of order). A row of an
-- event is in one of the two tables, never both, and the event's bulk entry hashes the rows of
-- both in (table, id) order, as before: a project's event hashes do not depend on where its
-- rows are kept.
CREATE TABLE audit_change_run (
    id       INTEGER PRIMARY KEY,
    seq      INTEGER NOT NULL,
    tbl      TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    digests  BLOB NOT NULL CHECK (length(digests) > 0 AND length(digests) % 32 = 0),
    UNIQUE (seq, tbl, first_id)
);
