-- Verdicts of the model judge ("same mechanism for the same problem?"), cached per unordered pair of proposals, the
-- content of both, the chat model and the prompt version: a verdict is reused until either text, the model or the
-- prompt changes. Deleting a proposal deletes its verdicts.
CREATE TABLE duplicate_verdict (
    low_id uuid NOT NULL,
    low_hash text NOT NULL,
    high_id uuid NOT NULL,
    high_hash text NOT NULL,
    model text NOT NULL,
    prompt_version text NOT NULL,
    same boolean NOT NULL,
    reason text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_duplicate_verdict PRIMARY KEY (low_id, high_id, low_hash, high_hash, model, prompt_version),
    CONSTRAINT fk_duplicate_verdict_low FOREIGN KEY (low_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_duplicate_verdict_high FOREIGN KEY (high_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT ck_duplicate_verdict_order CHECK (low_id < high_id)
);
