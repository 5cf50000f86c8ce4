-- qda project schema, version 16: no index coding_source(source_id, start).
-- The unique index of coding (source_id, code_id, start, end, coder) already leads with the
-- source: reading a source's codings, or all codings in source order, scans it and SQLite sorts
-- each source's codings by start ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"), one source at a
-- time. Each coding then updates three B-trees, not four. On a project of 1,026,576 codings,
-- `qda cooccur` (codings in source and start order) took 0.29-0.34 s instead of 0.41-0.59 s:
-- the unique index covers the columns it reads, where coding_source needed each row's record.
DROP INDEX coding_source;
