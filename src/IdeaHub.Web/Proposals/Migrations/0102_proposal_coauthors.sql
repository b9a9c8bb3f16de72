-- Co-proposers of a proposal (invited by its author, or an ASN who joined it instead of submitting a duplicate).
-- The access rule treats them like the author: they see and edit it, and never decide on it.
CREATE TABLE proposal_coauthor (
    proposal_id uuid NOT NULL,
    user_id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    added_by uuid NOT NULL,
    via text NOT NULL,
    added_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_proposal_coauthor PRIMARY KEY (proposal_id, user_id),
    CONSTRAINT fk_proposal_coauthor_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_proposal_coauthor_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT fk_proposal_coauthor_pemkab FOREIGN KEY (pemkab_id) REFERENCES pemkab (id),
    CONSTRAINT ck_proposal_coauthor_via CHECK (via IN ('invite', 'join'))
);

CREATE INDEX ix_proposal_coauthor_user_id ON proposal_coauthor (user_id);
