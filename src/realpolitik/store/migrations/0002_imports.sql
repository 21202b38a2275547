-- 0002_imports: imported data sets (GDELT, ICEWS, CSV) and pre-aggregated dyad series.
-- Imported events go into the core `events` table, marked by `dataset`; this file adds the
-- record of each import and the table of dyad weights (see realpolitik.importers).

CREATE SEQUENCE import_run_seq START 1;

CREATE TABLE import_runs (
    import_id    INTEGER PRIMARY KEY,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    path         VARCHAR,
    format       VARCHAR,   -- 'gdelt1', 'gdelt2', 'icews', 'csv', 'dyads'
    dataset      VARCHAR,   -- value written to events.dataset / dyad_weights.dataset
    target       VARCHAR,   -- 'events' or 'dyad_weights'
    n_rows       BIGINT,    -- data rows read, bad ones included
    n_new        BIGINT,    -- rows added
    n_existing   BIGINT,    -- rows already stored (or repeated within the file)
    n_bad        BIGINT,    -- rows rejected (unreadable line, bad id, date, code or number)
    bad_examples VARCHAR,   -- JSON list of {"row", "reason", "raw"}, at most a few
    seconds      DOUBLE
);

CREATE TABLE dyad_weights (
    dataset VARCHAR NOT NULL,   -- 'dyads:<file stem>'
    date    DATE NOT NULL,      -- first day of the period the row covers
    a       VARCHAR NOT NULL,   -- CAMEO country codes
    b       VARCHAR NOT NULL,
    weight  DOUBLE NOT NULL,    -- signed: > 0 cooperation, < 0 conflict
    count   BIGINT,             -- events (or active days) behind the weight, when the file says
    period  VARCHAR,            -- 'day', 'month' or 'year': what one row covers
    PRIMARY KEY (dataset, date, a, b)
);
