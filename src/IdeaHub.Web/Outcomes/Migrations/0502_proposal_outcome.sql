-- Each running innovation's overall outcome state, recomputed on every report, so the catalogue filters by it in SQL.
CREATE TABLE proposal_outcome (
    proposal_id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    state text NOT NULL,
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_proposal_outcome PRIMARY KEY (proposal_id),
    CONSTRAINT fk_proposal_outcome_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT ck_proposal_outcome_state CHECK (state IN ('NoData', 'OnTrack', 'AtRisk', 'Achieved', 'Missed'))
);
CREATE INDEX ix_proposal_outcome_state ON proposal_outcome (state, proposal_id);
