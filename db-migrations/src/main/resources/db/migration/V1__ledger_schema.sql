-- Eris ledger schema, version 1. Hashes are stored as 64 lower-case hex digits (readable in
-- psql, usable as JPA identifiers); canonical encodings as bytes.
-- Portable between PostgreSQL (production) and H2 (the embedded default of `./eris run`).
-- Flyway scripts are append-only: never edit a released script, add V<n+1>__... instead.

-- Which chain this database belongs to; one row. A node refuses to start on a database
-- that belongs to another chain.
CREATE TABLE node_meta (
    id            SMALLINT PRIMARY KEY,
    chain_id      VARCHAR(64) NOT NULL,
    genesis       BYTEA NOT NULL,
    node_address  VARCHAR(40) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every block the node has verified, canonical or not (forks are kept for the fork choice).
CREATE TABLE block (
    hash          VARCHAR(64) PRIMARY KEY,
    height        BIGINT NOT NULL,
    parent_hash   VARCHAR(64) NOT NULL,
    kind          VARCHAR(8) NOT NULL,
    proposer      VARCHAR(40) NOT NULL,
    leader_epoch  BIGINT NOT NULL,
    block_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    tx_count      INTEGER NOT NULL,
    state_root    VARCHAR(64) NOT NULL,
    encoded       BYTEA NOT NULL,
    canonical     BOOLEAN NOT NULL,
    stored_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX block_height_idx ON block (height);
CREATE INDEX block_parent_idx ON block (parent_hash);

-- The head of the canonical chain and the highest final block; one row, updated in the
-- same transaction as the blocks it points at.
CREATE TABLE chain_head (
    id            SMALLINT PRIMARY KEY,
    block_hash    VARCHAR(64) NOT NULL,
    height        BIGINT NOT NULL,
    final_hash    VARCHAR(64) NOT NULL,
    final_height  BIGINT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Transactions the node knows, with their lifecycle status as users see it.
CREATE TABLE ledger_tx (
    hash          VARCHAR(64) PRIMARY KEY,
    sender        VARCHAR(40) NOT NULL,
    nonce         BIGINT NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    encoded       BYTEA NOT NULL,
    status        VARCHAR(12) NOT NULL,
    reason        VARCHAR(512),
    block_hash    VARCHAR(64),
    height        BIGINT,
    block_kind    VARCHAR(8),
    conflicting_tx VARCHAR(64),
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledger_tx_sender_nonce_idx ON ledger_tx (sender, nonce);
CREATE INDEX ledger_tx_status_idx ON ledger_tx (status);

-- Accepted transactions not yet in a final block: re-broadcast until final, survives restarts.
CREATE TABLE outbox (
    tx_hash       VARCHAR(64) PRIMARY KEY,
    encoded       BYTEA NOT NULL,
    attempts      INTEGER NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Votes seen from validators (own and others').
CREATE TABLE vote (
    voter         VARCHAR(40) NOT NULL,
    height        BIGINT NOT NULL,
    block_hash    VARCHAR(64) NOT NULL,
    encoded       BYTEA NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (voter, height, block_hash)
);
CREATE INDEX vote_block_idx ON vote (block_hash);

-- This node's own voting record: persisted before a vote is sent, so the node never votes
-- twice at one height, across restarts.
CREATE TABLE voting_record (
    id                 SMALLINT PRIMARY KEY,
    last_voted_height  BIGINT NOT NULL
);

-- Two votes by one key at one height for different blocks.
CREATE TABLE equivocation_evidence (
    voter         VARCHAR(40) NOT NULL,
    height        BIGINT NOT NULL,
    vote_a        BYTEA NOT NULL,
    vote_b        BYTEA NOT NULL,
    detected_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (voter, height)
);

-- Nodes of the authenticated state tree, content-addressed (hash -> canonical node bytes).
CREATE TABLE state_node (
    hash          VARCHAR(64) PRIMARY KEY,
    encoded       BYTEA NOT NULL
);

-- The leader lease: only its holder may sign LEADER blocks. The epoch only grows (fencing
-- token); the last signed height is stored before each signature.
CREATE TABLE leader_lease (
    id                  SMALLINT PRIMARY KEY,
    holder              VARCHAR(64) NOT NULL,
    epoch               BIGINT NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_signed_height  BIGINT NOT NULL
);
