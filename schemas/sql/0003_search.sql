-- qda project schema, version 3: the full-text index of `qda search`.
--
-- Derived data, not part of the analysis: filled from the sources' stored text by the first
-- search after an import (imports stay fast), dropped and rebuilt at will. It is not audited:
-- src/store/trail.cpp does not track these tables, so `qda audit verify` ignores them.

-- One row per paragraph of a source's text: `start` is its first code point, `line` its
-- 1-based line. FTS5 narrows a search to candidate paragraphs; qda's matcher decides.
-- (IF NOT EXISTS: derived tables that a hand-downgraded file may still hold are reused.)
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    body,
    source_id UNINDEXED,
    start UNINDEXED,
    line UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The sources whose text is in search_text, with the hash (source.sha256) of what was indexed.
CREATE TABLE IF NOT EXISTS search_indexed (
    source_id   INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL
);
