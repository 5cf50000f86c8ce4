-- qda project schema, version 8: verifying conclusions (claims with evidence, member checks).

-- A conclusion of the study. Withdrawn claims stay, with the reason in the audit trail.
CREATE TABLE claim (
    id             INTEGER PRIMARY KEY,
    text           TEXT NOT NULL,
    theme_id       INTEGER REFERENCES code(id),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    evidence_query TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- A coding that supports a claim. The coding's span is kept with it, so the evidence can
-- still be named (and flagged) if the coding is later removed; hence no foreign key.
CREATE TABLE claim_evidence (
    id        INTEGER PRIMARY KEY,
    claim_id  INTEGER NOT NULL REFERENCES claim(id),
    coding_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES source(id),
    code_id   INTEGER NOT NULL REFERENCES code(id),
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    coder     TEXT NOT NULL,
    UNIQUE (claim_id, coding_id)
);
CREATE INDEX claim_evidence_coding ON claim_evidence(coding_id);

-- An artefact sent to a participant for a member check, and what came back.
CREATE TABLE member_check (
    id                 INTEGER PRIMARY KEY,
    participant_id     INTEGER NOT NULL REFERENCES participant(id),
    artifact           TEXT NOT NULL,      -- source:NAME, display:NAME or file:PATH
    artifact_sha256    TEXT NOT NULL,
    channel            TEXT NOT NULL DEFAULT '',
    sent_on            TEXT NOT NULL,      -- ISO date
    status             TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'responded', 'no-response')),
    response_source_id INTEGER REFERENCES source(id),
    responded_on       TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);
CREATE INDEX member_check_participant ON member_check(participant_id);

-- What a participant said of one claim, and what the researcher did about it.
CREATE TABLE member_check_verdict (
    id         INTEGER PRIMARY KEY,
    check_id   INTEGER NOT NULL REFERENCES member_check(id),
    claim_id   INTEGER NOT NULL REFERENCES claim(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('confirmed', 'amended', 'disputed', 'added')),
    action     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX member_check_verdict_check ON member_check_verdict(check_id);
