-- qda project schema, version 14: an autocoding run's codings are found by the range of coding
-- ids it wrote, not by an index on coding.run_id.
-- A run writes its codings in one transaction, so their ids are consecutive, from the largest id
-- before the run on. The codings of run R are the rows with run_id = R among ids first_id to
-- last_id (a coding written later into an id freed by a deletion has another run_id, or none).
-- Each coding a run writes then updates one B-tree fewer: on the benchmark corpus (64,161
-- codings) that was about 20 ms of a 0.21 s run. Like the search index, this table is derived
-- data (it can be rebuilt from coding.run_id), so `audit verify` does not cover it.
CREATE TABLE autocode_run_ids (
    run_id   INTEGER PRIMARY KEY REFERENCES autocode_run(id),
    first_id INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    CHECK (last_id >= first_id)
);
INSERT INTO autocode_run_ids(run_id, first_id, last_id)
    SELECT run_id, min(id), max(id) FROM coding WHERE run_id IS NOT NULL GROUP BY run_id;
DROP INDEX coding_run;
