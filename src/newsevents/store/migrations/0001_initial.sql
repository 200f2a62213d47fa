-- Schema version 1: the tables of docs schema.md (the contract with the CLI, API, exporters).
-- Character offsets index into articles.text; idx is a record's position in its Result list.

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    section VARCHAR,
    published DATE,
    published_source VARCHAR,
    language VARCHAR,
    source VARCHAR,
    dateline VARCHAR,
    text VARCHAR,
    furniture JSON,
    duplicate_of VARCHAR,
    content_hash VARCHAR,
    processed_at TIMESTAMP
);

CREATE TABLE timexes (
    article_id VARCHAR,
    idx INTEGER,
    start INTEGER,
    "end" INTEGER,
    text VARCHAR,
    type VARCHAR,
    value VARCHAR,
    mod VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE mentions (
    article_id VARCHAR,
    idx INTEGER,
    start INTEGER,
    "end" INTEGER,
    text VARCHAR,
    label VARCHAR,
    actor_id VARCHAR,
    actor_name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    PRIMARY KEY (article_id, idx)
);

-- Knowledge-base actors seen in the store; counts are kept exact on re-processing.
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    mention_count BIGINT,
    event_count BIGINT
);

CREATE TABLE quotes (
    article_id VARCHAR,
    idx INTEGER,
    start INTEGER,
    "end" INTEGER,
    text VARCHAR,
    kind VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text VARCHAR,
    speaker_actor_id VARCHAR,
    speaker_name VARCHAR,
    speaker_country VARCHAR,
    speaker_sector VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    idx INTEGER,
    type VARCHAR,
    mode VARCHAR,
    cameo VARCHAR,
    quad_class INTEGER,
    intensity DOUBLE,
    actor_id VARCHAR,
    actor_name VARCHAR,
    actor_country VARCHAR,
    actor_sector VARCHAR,
    recipient_id VARCHAR,
    recipient_name VARCHAR,
    recipient_country VARCHAR,
    recipient_sector VARCHAR,
    date VARCHAR,        -- TIMEX3 value as coded ("2021-07-26", "2021-07", "2020")
    date_start DATE,     -- first and last day that value covers (NULL if unresolvable)
    date_end DATE,
    date_text VARCHAR,
    location_text VARCHAR,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    negated BOOLEAN,
    modality VARCHAR,
    attributed_to VARCHAR,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text VARCHAR,
    confidence DOUBLE,
    story_id VARCHAR
);

CREATE SEQUENCE ingest_log_id START 1;

CREATE TABLE ingest_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('ingest_log_id'),
    source VARCHAR,
    reason VARCHAR,
    message VARCHAR,
    article_id VARCHAR,
    duplicate_of VARCHAR,
    logged_at TIMESTAMP,
    UNIQUE (source, reason)   -- re-runs upsert, never duplicate
);

-- One row per finished input, written in the same transaction as its article rows or its
-- rejection: what makes a run resumable after kill -9. status: 'stored' | 'rejected'.
CREATE TABLE sources_done (
    source VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    status VARCHAR,
    finished_at TIMESTAMP
);

-- Dedup state: normalised-text hash and serialised MinHash of every stored article.
CREATE TABLE signatures (
    article_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR,
    minhash BLOB
);
