-- qda project schema, version 2: the codebook, codings, memos and autocoding runs.

-- A code of the codebook tree. `uid` is stable across renames and moves, so a codebook file
-- kept in version control can be applied as a difference. cycle 1 = first-cycle code,
-- 2 = pattern code (theme) whose members are listed in code_member.
CREATE TABLE code (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES code(id),
    description TEXT NOT NULL DEFAULT '',
    inclusion   TEXT NOT NULL DEFAULT '',
    exclusion   TEXT NOT NULL DEFAULT '',
    example     TEXT NOT NULL DEFAULT '',
    colour      TEXT NOT NULL DEFAULT '',
    cycle       INTEGER NOT NULL DEFAULT 1 CHECK (cycle IN (1, 2)),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'merged')),
    merged_into INTEGER REFERENCES code(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
-- Names are unique among the codes a researcher can still see (active and retired); a merged
-- code keeps its name for the record and frees it for reuse.
CREATE UNIQUE INDEX code_live_name ON code(name) WHERE status != 'merged';
CREATE INDEX code_parent ON code(parent_id);

-- Members of a pattern code (a first-cycle code can belong to several themes).
CREATE TABLE code_member (
    id         INTEGER PRIMARY KEY,
    pattern_id INTEGER NOT NULL REFERENCES code(id),
    member_id  INTEGER NOT NULL REFERENCES code(id),
    UNIQUE (pattern_id, member_id)
);

-- One autocoding run: the rules applied (verbatim, with their hash) so it can be undone and audited.
CREATE TABLE autocode_run (
    id           INTEGER PRIMARY KEY,
    rules_sha256 TEXT NOT NULL,
    rules        TEXT NOT NULL,
    rules_path   TEXT NOT NULL DEFAULT '',
    coder        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    codings      INTEGER NOT NULL DEFAULT 0,
    undone_at    TEXT NOT NULL DEFAULT ''
);

-- A code applied to a span of a source's text (code points, end exclusive) by one coder.
CREATE TABLE coding (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES source(id),
    code_id    INTEGER NOT NULL REFERENCES code(id),
    start      INTEGER NOT NULL CHECK (start >= 0),
    end        INTEGER NOT NULL,
    coder      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    memo       TEXT NOT NULL DEFAULT '',
    run_id     INTEGER REFERENCES autocode_run(id),
    CHECK (end > start),
    UNIQUE (source_id, code_id, start, end, coder)
);
CREATE INDEX coding_code ON coding(code_id);
CREATE INDEX coding_source ON coding(source_id, start);
CREATE INDEX coding_run ON coding(run_id) WHERE run_id IS NOT NULL;

-- Memos: typed notes attached to the project or to one thing in it.
CREATE TABLE memo (
    id          INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'source', 'case', 'code', 'coding', 'participant', 'display')),
    target_id   INTEGER,
    type        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX memo_target ON memo(target_kind, target_id);
