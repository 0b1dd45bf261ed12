-- Each loaded text's shingles (near-copy detection). A changed text gets its new shingles but keeps its
-- place in the load order, so the first loaded text stays the one copies are attached to.
INSERT INTO document_shingle (document_id, shingles, load_order)
SELECT document_id, shingles::BIGINT[],
       coalesce((SELECT max(load_order) FROM document_shingle), 0) + position + 1
FROM staged_shingles
ON CONFLICT (document_id) DO UPDATE SET shingles = excluded.shingles;
