-- qda project schema, version 6: agreement between coders (issue 6).

-- The sources a coder was given to code. A coder with rows here saw only these sources: on any
-- other source their values are missing, not "not coded". A coder without rows saw every source.
CREATE TABLE IF NOT EXISTS coder_source (
    id          INTEGER PRIMARY KEY,
    coder       TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES source(id),
    assigned_at TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    UNIQUE (coder, source_id)
);
