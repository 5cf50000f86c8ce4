-- qda project schema, version 11: a covering index of the sources' metadata.
-- A source row carries its text, and `chars`, `path`, `case_id`, `imported_at` come after it:
-- reading them from the table walks the text's overflow pages, so listing the sources read every
-- byte of every text (119 MB for the 2,084 transcripts of the benchmark corpus), and even names
-- and kinds alone read the first 16 KiB page of each. Listing the sources, labelling search hits
-- and the matrix engine's source list read this index instead (about 250 bytes per source).
CREATE INDEX IF NOT EXISTS source_meta ON source(
    name, kind, format, encoding, encoding_confidence, encoding_method, sha256, size, chars, path,
    case_id, supersedes, imported_at, imported_by);
