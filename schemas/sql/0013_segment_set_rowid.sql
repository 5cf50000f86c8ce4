-- qda project schema, version 13: segment_set becomes a table with a rowid.
-- A WITHOUT ROWID table keeps only about 4 KB of a row in its B-tree page (with 16 KiB pages)
-- and puts the rest on overflow pages of its own. A source's packed sentences take 4 KB on
-- average, so most rows left a mostly empty overflow page behind: on the 2,084 transcripts of
-- the benchmark corpus, 13 MB of segments filled 25 MB of pages. A rowid table keeps rows of up
-- to 16 KB whole in its leaf pages. The rows are copied unchanged, and so are their digests.
CREATE TABLE segment_set_v13 (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    unit      TEXT NOT NULL,
    count     INTEGER NOT NULL,
    data      BLOB NOT NULL,
    UNIQUE (source_id, unit)
);
INSERT INTO segment_set_v13(source_id, unit, count, data)
    SELECT source_id, unit, count, data FROM segment_set ORDER BY source_id, unit;
DROP TABLE segment_set;
ALTER TABLE segment_set_v13 RENAME TO segment_set;
