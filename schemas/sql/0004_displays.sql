-- qda project schema, version 4: named displays (qda display) and the cells researchers write.

-- A saved display: the `qda matrix` options it was made with (a JSON array of arguments) and a
-- fingerprint (SHA-256) of the counts and codings it showed when saved, so that a report or an
-- audit can tell when the data under it has changed.
CREATE TABLE display (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    args        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A cell of a display written by a researcher: a condensed summary and/or a rating, with the
-- codings it rests on (a JSON array of coding ids). Rows and columns are named by member keys:
-- a code's uid, otherwise the name shown (case, source, participant, attribute value, period).
CREATE TABLE display_cell (
    id         INTEGER PRIMARY KEY,
    display_id INTEGER NOT NULL REFERENCES display(id),
    row_key    TEXT NOT NULL,
    col_key    TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    rating     TEXT NOT NULL DEFAULT '',
    evidence   TEXT NOT NULL DEFAULT '[]',
    author     TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (display_id, row_key, col_key)
);
