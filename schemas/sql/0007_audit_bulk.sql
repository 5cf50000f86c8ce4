-- qda project schema, version 7: the row digests of bulk audit events.
--
-- An event that changes many rows (importing or autocoding millions of codings) lists them
-- here instead of in its JSON: one row per changed row with the row's digest as the event
-- left it (NULL for a delete). The event's own list of changes then carries one entry
-- {"bulk": "audit_change", "rows": N, "digest": H}, where H is the SHA-256 over these rows in
-- (tbl, row_id) order, so the event's hash covers them and editing this table breaks the chain.
CREATE TABLE audit_change (
    seq    INTEGER NOT NULL,
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op     TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    digest BLOB,
    PRIMARY KEY (seq, tbl, row_id)
) WITHOUT ROWID;
