-- qda project schema, version 9: triangulation verdicts (qda triangulate judge).

-- The researcher's verdict on a theme between two groups of data (two methods, two roles, two
-- coders). A later verdict on the same theme, dimension and pair supersedes an earlier one;
-- both rows stay, and each is an event of the audit trail. `bands` holds the thresholds the
-- matrix was read with when the verdict was given.
CREATE TABLE IF NOT EXISTS triangulation_verdict (
    id         INTEGER PRIMARY KEY,
    theme_id   INTEGER NOT NULL REFERENCES code(id),
    across     TEXT NOT NULL,      -- kind, attr:NAME or coder
    group_a    TEXT NOT NULL,
    group_b    TEXT NOT NULL,
    meaning    TEXT NOT NULL CHECK (meaning IN ('agree', 'disagree')),
    examples   TEXT NOT NULL CHECK (examples IN ('agree', 'disagree')),
    verdict    TEXT NOT NULL CHECK (verdict IN ('agreement', 'partial', 'dissonance')),
    why        TEXT NOT NULL,
    bands      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS triangulation_verdict_theme
    ON triangulation_verdict(theme_id, across, group_a, group_b);
