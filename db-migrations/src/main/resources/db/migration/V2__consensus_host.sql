-- Which blocks hold which transactions (a transaction can sit in blocks of several forks);
-- lets the node find the canonical block of a transaction without scanning blocks.
CREATE TABLE block_tx (
    tx_hash       VARCHAR(64) NOT NULL,
    block_hash    VARCHAR(64) NOT NULL,
    PRIMARY KEY (tx_hash, block_hash)
);
CREATE INDEX block_tx_block_idx ON block_tx (block_hash);
CREATE INDEX vote_height_idx ON vote (height);
