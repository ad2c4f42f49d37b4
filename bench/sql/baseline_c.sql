-- Baseline (c): the floor of any design: ClickHouse only lands the JSONL
-- lines in one raw table, one opaque string per line (LineAsString), no
-- parsing, no materialized views.
CREATE DATABASE IF NOT EXISTS bench_c;

CREATE TABLE bench_c.lines
(
    line String,
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY tuple();
