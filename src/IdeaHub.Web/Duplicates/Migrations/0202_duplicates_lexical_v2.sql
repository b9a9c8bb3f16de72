-- lexical-v2: the terms of each proposal's current text (for corpus-weighted lexical scoring), document frequencies
-- of those terms over the deployment's own proposals (refreshed by the embedding worker as proposals grow), and the
-- per-embedder calibration: the fused score's vector weight and the threshold from which a match is flagged.

CREATE TABLE proposal_terms (
    proposal_id uuid NOT NULL,
    content_hash text NOT NULL,
    terms text[] NOT NULL,
    weights real[] NOT NULL,
    surface text[] NOT NULL,
    title_terms text[] NOT NULL,
    CONSTRAINT pk_proposal_terms PRIMARY KEY (proposal_id),
    CONSTRAINT fk_proposal_terms_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT ck_proposal_terms_arrays CHECK (cardinality(terms) = cardinality(weights) AND cardinality(terms) = cardinality(surface))
);

CREATE TABLE term_document_frequency (
    term text NOT NULL,
    df integer NOT NULL,
    CONSTRAINT pk_term_document_frequency PRIMARY KEY (term)
);

CREATE TABLE term_statistics (
    id boolean NOT NULL DEFAULT true,
    documents integer NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_term_statistics PRIMARY KEY (id),
    CONSTRAINT ck_term_statistics_one_row CHECK (id)
);

ALTER TABLE embedder ADD COLUMN vector_weight real, ADD COLUMN flag_threshold real;

-- A deployment without proposals starts on lexical-v2; one with proposals backfills it first (EmbeddingWorker, as
-- configured by Duplicates:Embedder) and keeps searching with lexical-v1 until every proposal has a lexical-v2 vector.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM proposal) THEN
        UPDATE embedder SET state = 'retired' WHERE state = 'active';
        INSERT INTO embedder (id, dims, state, label, activated_at) VALUES ('lexical-v2', 384, 'active', 'lexical', now());
        CREATE INDEX IF NOT EXISTS ix_proposal_embedding_hnsw_lexical_v2 ON proposal_embedding
            USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m = 16, ef_construction = 64)
            WHERE embedder_id = 'lexical-v2';
    END IF;
END $$;
