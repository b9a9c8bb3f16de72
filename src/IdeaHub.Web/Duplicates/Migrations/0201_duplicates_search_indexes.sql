-- Title trigram similarity is computed per candidate only (its tuned fusion weight is 0, see DuplicateOptions), never
-- searched, so its GIN index only cost writes. A Pemkab holds a few thousand proposals: with this index the planner
-- may prefer an exact scan of one Pemkab's vectors to a filtered HNSW walk.
DROP INDEX IF EXISTS ix_proposal_title_trgm;
CREATE INDEX ix_proposal_embedding_pemkab ON proposal_embedding (pemkab_id, embedder_id);
