-- qda project schema, version 5: researcher-entered links between codes (`qda network`).
-- IF NOT EXISTS, as in schema 3: a file whose version was set back is migrated again.

-- A directed link between two codes, of a kind the researcher names (free text: leads-to,
-- part-of, contradicts, ...). Never inferred: every row was entered by someone.
CREATE TABLE IF NOT EXISTS network_link (
    id         INTEGER PRIMARY KEY,
    from_code  INTEGER NOT NULL REFERENCES code(id),
    to_code    INTEGER NOT NULL REFERENCES code(id),
    kind       TEXT NOT NULL CHECK (kind != ''),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (from_code != to_code),
    UNIQUE (from_code, to_code, kind)
);
CREATE INDEX IF NOT EXISTS network_link_to ON network_link(to_code);

-- A coding cited as evidence for a link. No foreign key to coding: evidence outlives an uncoded
-- coding (as memos do) and is then shown as missing, so removing a coding never fails.
CREATE TABLE IF NOT EXISTS network_evidence (
    id        INTEGER PRIMARY KEY,
    link_id   INTEGER NOT NULL REFERENCES network_link(id),
    coding_id INTEGER NOT NULL,
    UNIQUE (link_id, coding_id)
);
