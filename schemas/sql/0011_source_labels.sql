-- qda project schema, version 11: a covering index of the sources' names and kinds.
-- A source row carries its text, so with 16 KiB pages each row fills a leaf page of its own:
-- listing names and kinds from the table reads every page of every text's start (33 MB for the
-- 2,084 transcripts of the benchmark corpus). `qda search` labels its hits and the matrix
-- engine lists sources from this index instead.
CREATE INDEX IF NOT EXISTS source_label ON source(name, kind);
