-- qda project schema, version 1. A source never changes after import; positions are code
-- point indexes into source.text (end exclusive).
CREATE TABLE project_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE participant (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    is_interviewer INTEGER NOT NULL DEFAULT 0 CHECK (is_interviewer IN (0, 1))
);

-- Every spelling under which a participant appears ("K (Kiki)", "K", "Kiki").
CREATE TABLE participant_alias (
    id             INTEGER PRIMARY KEY,
    alias          TEXT NOT NULL UNIQUE,
    participant_id INTEGER NOT NULL REFERENCES participant(id)
);

CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    format        TEXT NOT NULL,
    encoding      TEXT NOT NULL,
    encoding_confidence INTEGER NOT NULL,
    encoding_method TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    -- NULL when the original bytes equal the stored text byte for byte
    original      BLOB,
    text          TEXT NOT NULL,
    text_sha256   TEXT NOT NULL,
    chars         INTEGER NOT NULL,
    path          TEXT NOT NULL DEFAULT '',
    case_id       INTEGER REFERENCES cases(id),
    supersedes    INTEGER REFERENCES source(id),
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL
);
CREATE INDEX source_sha256 ON source(sha256);
CREATE INDEX source_case ON source(case_id);

-- A speaker label as written in one source, resolved to a participant.
CREATE TABLE speaker (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES source(id),
    label          TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    participant_id INTEGER NOT NULL REFERENCES participant(id),
    turns          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source_id, label)
);
CREATE INDEX speaker_participant ON speaker(participant_id);

-- The segments a reader found, one row per source and unit ("turn", "paragraph", "sentence",
-- "cue", "entry", "row"). Segments never change after import, like the text they index, so
-- they are kept packed (src/store/segment_codec.cpp) rather than as millions of rows: ordinal
-- is the position in the array; start and end are code points; speaker is an index into the
-- source's speaker rows ordered by id (0 = none).
CREATE TABLE segment_set (
    source_id INTEGER NOT NULL REFERENCES source(id),
    unit      TEXT NOT NULL,
    count     INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (source_id, unit)
) WITHOUT ROWID;

-- Typed attributes of sources, cases and participants. A key has one type per entity kind.
CREATE TABLE attribute_def (
    id     INTEGER PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('source', 'case', 'participant')),
    key    TEXT NOT NULL,
    type   TEXT NOT NULL CHECK (type IN ('text', 'integer', 'float', 'date', 'boolean')),
    UNIQUE (entity, key)
);

CREATE TABLE attribute (
    id        INTEGER PRIMARY KEY,
    def_id    INTEGER NOT NULL REFERENCES attribute_def(id),
    entity_id INTEGER NOT NULL,
    value     TEXT NOT NULL,
    UNIQUE (def_id, entity_id)
);

-- The audit trail: one event per change, hash-chained (see src/audit).
CREATE TABLE audit_event (
    seq       INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    command   TEXT NOT NULL,
    action    TEXT NOT NULL,
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL,
    why       TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
