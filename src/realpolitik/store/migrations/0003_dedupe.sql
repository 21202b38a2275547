-- 0003_dedupe: near-duplicate documents and clusters of events reported more than once.
-- Written by realpolitik.dedupe (documents.py: signatures and duplicates; clusters.py: clusters).
-- The link of a near-duplicate to its original lives in `document_duplicates` (one row per
-- duplicate) rather than in new `documents` columns, because `Store.save_document` inserts
-- documents rows by position; `documents_dedupe` shows the two joined.

-- MinHash signature of every stored document (the parameters are kept so that signatures made with
-- other settings are recomputed instead of compared).
CREATE TABLE doc_minhash (
    doc_id       VARCHAR PRIMARY KEY,
    num_perm     INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    shingle_size INTEGER NOT NULL,
    scheme       VARCHAR NOT NULL,
    n_shingles   INTEGER NOT NULL,
    signature    BLOB NOT NULL      -- num_perm little-endian uint32 hash values
);

-- A stored document that is a near-duplicate of an earlier one: not coded, linked to its original.
CREATE TABLE document_duplicates (
    doc_id       VARCHAR PRIMARY KEY,
    duplicate_of VARCHAR NOT NULL,   -- the original's doc_id (itself never a duplicate)
    similarity   DOUBLE NOT NULL,    -- estimated Jaccard similarity of word shingles
    run_id       INTEGER
);

CREATE VIEW documents_dedupe AS
SELECT d.*, dd.duplicate_of, dd.similarity
FROM documents d LEFT JOIN document_duplicates dd ON dd.doc_id = d.doc_id;

-- One happening reported by one or more coded events (mentions).
CREATE TABLE event_clusters (
    cluster_id     VARCHAR PRIMARY KEY,  -- the event_id of the cluster's anchor (earliest, finest date)
    block          VARCHAR NOT NULL,     -- source key | target key | CAMEO root
    source_code    VARCHAR,
    target_code    VARCHAR,
    source_country VARCHAR,
    target_country VARCHAR,
    cameo          VARCHAR,
    root           VARCHAR,
    event_date     DATE,
    date_precision VARCHAR,
    location       VARCHAR,
    first_report   DATE,                 -- earliest publication date of a member's document
    last_report    DATE,
    n_mentions     INTEGER NOT NULL,
    n_documents    INTEGER NOT NULL,
    n_sources      INTEGER NOT NULL,     -- distinct outlets (documents.source, else the document)
    best_event_id  VARCHAR NOT NULL      -- highest confidence, then earliest report
);

CREATE TABLE event_cluster_members (
    event_id   VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL          -- why this mention joined the cluster
);

-- What analytics count by default: one row per cluster (its best event), plus every event that is
-- in no cluster (imported data sets, events not clustered yet) as its own.
CREATE VIEW events_counted AS
SELECT e.* FROM events e
WHERE e.event_id NOT IN (
    SELECT m.event_id FROM event_cluster_members m
    JOIN event_clusters c ON c.cluster_id = m.cluster_id
    WHERE m.event_id <> c.best_event_id
);
