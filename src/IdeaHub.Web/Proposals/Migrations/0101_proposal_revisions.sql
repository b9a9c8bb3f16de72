-- Every save of a proposal is a revision with a full JSON snapshot (fields and indicators), so any two can be diffed.
CREATE TABLE proposal_revision (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    number integer NOT NULL,
    author_id uuid NOT NULL,
    at timestamp with time zone NOT NULL DEFAULT now(),
    source text NOT NULL,
    snapshot jsonb NOT NULL,
    CONSTRAINT pk_proposal_revision PRIMARY KEY (id),
    CONSTRAINT fk_proposal_revision_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_proposal_revision_author FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT fk_proposal_revision_pemkab FOREIGN KEY (pemkab_id) REFERENCES pemkab (id)
);

CREATE UNIQUE INDEX ix_proposal_revision_proposal_id_number ON proposal_revision (proposal_id, number);

-- Which way is better for an indicator: Auto (inferred from its wording and unit), Increase or Decrease.
ALTER TABLE indicator ADD COLUMN direction text NOT NULL DEFAULT 'Auto';
