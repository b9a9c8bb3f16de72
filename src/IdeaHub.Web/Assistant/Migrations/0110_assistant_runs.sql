-- One row per assistant run: how prompt versions and models perform over time.
CREATE TABLE assistant_run (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    user_id uuid NOT NULL,
    prompt_name text NOT NULL,
    prompt_version text NOT NULL,
    model_id text NOT NULL,
    status text NOT NULL,
    error text,
    tokens_in integer,
    tokens_out integer,
    duration_ms integer,
    output text,
    started_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_assistant_run PRIMARY KEY (id),
    CONSTRAINT fk_assistant_run_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_assistant_run_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT fk_assistant_run_pemkab FOREIGN KEY (pemkab_id) REFERENCES pemkab (id)
);

CREATE INDEX ix_assistant_run_proposal_id ON assistant_run (proposal_id);
CREATE INDEX ix_assistant_run_pemkab_id_prompt_name ON assistant_run (pemkab_id, prompt_name, prompt_version);

-- Each suggestion of a run and what the ASN did with it.
CREATE TABLE assistant_suggestion (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    run_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    position integer NOT NULL,
    kind text NOT NULL,
    field text NOT NULL,
    suggestion text NOT NULL,
    reason text NOT NULL,
    indicator jsonb,
    state text NOT NULL,
    decided_at timestamp with time zone,
    decided_by uuid,
    applied_revision integer,
    CONSTRAINT pk_assistant_suggestion PRIMARY KEY (id),
    CONSTRAINT fk_assistant_suggestion_run FOREIGN KEY (run_id) REFERENCES assistant_run (id) ON DELETE CASCADE,
    CONSTRAINT fk_assistant_suggestion_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE
);

CREATE INDEX ix_assistant_suggestion_run_id ON assistant_suggestion (run_id);
CREATE INDEX ix_assistant_suggestion_proposal_id ON assistant_suggestion (proposal_id);
