-- ACLED actor categories of each event (inter1, inter2; issue 14): a warehouse made before them gains the
-- columns here, NULL for the events loaded earlier until their documents are read again (a new warehouse has
-- them from 020_facts.sql, so these do nothing). Loaders name their columns, so order does not matter.
ALTER TABLE fact_event ADD COLUMN IF NOT EXISTS inter1 VARCHAR;
ALTER TABLE fact_event ADD COLUMN IF NOT EXISTS inter2 VARCHAR;
ALTER TABLE fact_event ADD COLUMN IF NOT EXISTS acled_swapped BOOLEAN;
