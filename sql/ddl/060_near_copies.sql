-- Near-copies (sitrep/ingest/nearcopy.py). document_source.similarity: NULL for a document's own file
-- and for a byte-identical copy; for a near-copy (a reprint with small edits, not loaded again) the share
-- of its 5-word shingles found in the document's text. document_shingle keeps each loaded text's
-- shingle hashes, so that a copy arriving in a later run is still recognised (documents loaded
-- before this table existed have none: copies of them load as documents of their own).
ALTER TABLE document_source ADD COLUMN IF NOT EXISTS similarity DOUBLE;
CREATE TABLE IF NOT EXISTS document_shingle (
    document_id   VARCHAR PRIMARY KEY,
    shingles      BIGINT[] NOT NULL,
    load_order    BIGINT NOT NULL              -- first loaded, first compared: a tie goes to the earlier text
);
