-- Proposals (Kemendagri regional innovation profile fields) and their SMART indicators.
CREATE TABLE proposal (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    opd_id uuid NOT NULL,
    author_id uuid NOT NULL,
    title text NOT NULL,
    stage text NOT NULL,
    initiator text NOT NULL,
    kind text NOT NULL,
    form text NOT NULL,
    urusan text NOT NULL,
    trial_date date,
    implementation_date date,
    problem text NOT NULL,
    design text NOT NULL,
    goals text NOT NULL,
    benefits text NOT NULL,
    results text NOT NULL,
    status text NOT NULL,
    revision_number integer NOT NULL,
    merged_into_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    submitted_at timestamp with time zone,
    CONSTRAINT pk_proposal PRIMARY KEY (id),
    CONSTRAINT fk_proposal_opd_opd_id FOREIGN KEY (opd_id) REFERENCES opd (id),
    CONSTRAINT fk_proposal_users_author_id FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT fk_proposal_pemkab FOREIGN KEY (pemkab_id) REFERENCES pemkab (id),
    CONSTRAINT fk_proposal_merged_into FOREIGN KEY (merged_into_id) REFERENCES proposal (id)
);

CREATE TABLE indicator (
    id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    unit text NOT NULL,
    baseline numeric(20,4),
    target numeric(20,4),
    target_date date,
    CONSTRAINT pk_indicator PRIMARY KEY (id),
    CONSTRAINT fk_indicator_proposal_proposal_id FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE
);

CREATE INDEX ix_indicator_proposal_id ON indicator (proposal_id);

CREATE INDEX ix_proposal_author_id ON proposal (author_id);

CREATE INDEX ix_proposal_opd_id ON proposal (opd_id);

CREATE INDEX ix_proposal_pemkab_id_opd_id ON proposal (pemkab_id, opd_id);

CREATE INDEX ix_proposal_pemkab_id_status ON proposal (pemkab_id, status);
