-- naap warehouse: database that holds every table, materialized view and view.
-- Target shape: final February reference schema (796d216b, unprefixed names)
-- plus the decided raw_event_uid / DLQ-size additions. Retention (TTL) is not
-- declared here: the migration runner applies it from sql/retention.tsv.

-- The single warehouse database.
CREATE DATABASE IF NOT EXISTS livepeer_analytics;
