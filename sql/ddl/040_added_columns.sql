-- Columns added after the first release: a warehouse made before them gains them here (a new one has them
-- from the CREATE statements, so these do nothing). Loaders name their columns, so order does not matter.
ALTER TABLE dq_result ADD COLUMN IF NOT EXISTS detail VARCHAR;
ALTER TABLE dim_document ADD COLUMN IF NOT EXISTS language VARCHAR;
