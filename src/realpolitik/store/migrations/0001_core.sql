-- 0001_core: the shared core schema (see docs/HELPERS-CONTRACT.md).
-- Applied once, in a transaction, by realpolitik.store.migrate; recorded in schema_migrations.

CREATE SEQUENCE ingest_run_seq START 1;

CREATE TABLE ingest_runs (
    run_id        INTEGER PRIMARY KEY,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    status        VARCHAR,
    args          VARCHAR,
    n_seen        INTEGER,
    n_new         INTEGER,
    n_skipped     INTEGER,
    n_failed      INTEGER,
    n_non_english INTEGER,
    n_events      INTEGER,
    n_undated     INTEGER
);

CREATE TABLE documents (
    doc_id      VARCHAR PRIMARY KEY,
    title       VARCHAR,
    url         VARCHAR,
    source      VARCHAR,
    published   DATE,
    date_known  BOOLEAN,
    language    VARCHAR,
    is_english  BOOLEAN,
    path        VARCHAR,
    text        VARCHAR,
    n_chars     INTEGER,
    coded       BOOLEAN,
    ingested_at TIMESTAMP,
    run_id      INTEGER
);

CREATE TABLE sentences (
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER,
    end_char       INTEGER,
    text           VARCHAR,
    PRIMARY KEY (doc_id, sentence_index)
);

CREATE TABLE mentions (
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER,
    start_char     INTEGER,
    end_char       INTEGER,
    text           VARCHAR,
    actor_code     VARCHAR,
    country        VARCHAR,
    role           VARCHAR,
    actor_name     VARCHAR,
    reason         VARCHAR
);

CREATE TABLE events (
    event_id         VARCHAR PRIMARY KEY,
    dataset          VARCHAR NOT NULL,   -- 'realpolitik', 'gdelt1', 'gdelt2', 'icews', 'csv:<name>'
    doc_id           VARCHAR,
    sentence_index   INTEGER,
    source_code      VARCHAR,
    source_country   VARCHAR,
    source_role      VARCHAR,
    source_name      VARCHAR,
    target_code      VARCHAR,
    target_country   VARCHAR,
    target_role      VARCHAR,
    target_name      VARCHAR,
    cameo            VARCHAR,
    root             VARCHAR,
    plover           VARCHAR,
    plover_mode      VARCHAR,
    goldstein        DOUBLE,
    quad_class       INTEGER,
    event_date       DATE,               -- first day of the period for month/year/decade precision
    date_end         DATE,
    date_precision   VARCHAR,
    date_origin      VARCHAR,
    location         VARCHAR,
    location_country VARCHAR,
    latitude         DOUBLE,
    longitude        DOUBLE,
    num_mentions     INTEGER DEFAULT 1,
    num_sources      INTEGER DEFAULT 1,
    confidence       DOUBLE,
    hedged           BOOLEAN,
    quote            VARCHAR,
    reason           VARCHAR,
    coder            VARCHAR,
    coder_version    VARCHAR,
    sentence_start   INTEGER,
    sentence_end     INTEGER,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    sentence_text    VARCHAR,
    url              VARCHAR
);
