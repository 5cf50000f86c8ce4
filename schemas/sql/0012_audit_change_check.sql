-- qda project schema, version 12: audit_change's CHECK on `op` without an IN list.
-- SQLite evaluates `op IN ('insert', 'update', 'delete')` in a CHECK by filling a temporary
-- B-tree for every row written, and with 16 KiB pages each one zeroes a page: writing the
-- 64,161 audit rows of an autocoding run spent more instructions on that than on the rows.
-- The same rule as equalities costs nothing. SQLite cannot alter a constraint, so the table is
-- rebuilt; its rows, and so the digests that the events' hashes cover, are copied unchanged.
CREATE TABLE audit_change_v12 (
    seq    INTEGER NOT NULL,
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op     TEXT NOT NULL CHECK (op = 'insert' OR op = 'update' OR op = 'delete'),
    digest BLOB,
    PRIMARY KEY (seq, tbl, row_id)
) WITHOUT ROWID;
INSERT INTO audit_change_v12(seq, tbl, row_id, op, digest)
    SELECT seq, tbl, row_id, op, digest FROM audit_change ORDER BY seq, tbl, row_id;
DROP TABLE audit_change;
ALTER TABLE audit_change_v12 RENAME TO audit_change;
