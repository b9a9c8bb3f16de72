-- Rubric criteria, reviews with per-criterion scores, Kepala OPD votes, threaded comments.
CREATE TABLE rubric_criterion (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    name_en text NOT NULL,
    description text NOT NULL,
    weight numeric(6,3) NOT NULL,
    position integer NOT NULL,
    is_active boolean NOT NULL,
    CONSTRAINT pk_rubric_criterion PRIMARY KEY (id)
);

CREATE TABLE comment (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    parent_id uuid,
    author_id uuid NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_comment PRIMARY KEY (id),
    CONSTRAINT fk_comment_comment_parent_id FOREIGN KEY (parent_id) REFERENCES comment (id),
    CONSTRAINT fk_comment_proposal_proposal_id FOREIGN KEY (proposal_id) REFERENCES proposal (id)
);

CREATE TABLE review (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    reviewer_id uuid NOT NULL,
    reviewer_opd_id uuid,
    recommendation text NOT NULL,
    comment text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_review PRIMARY KEY (id),
    CONSTRAINT fk_review_proposal_proposal_id FOREIGN KEY (proposal_id) REFERENCES proposal (id)
);

CREATE TABLE vote (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    voter_id uuid NOT NULL,
    voter_opd_id uuid NOT NULL,
    support boolean NOT NULL,
    month text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_vote PRIMARY KEY (id),
    CONSTRAINT fk_vote_proposal_proposal_id FOREIGN KEY (proposal_id) REFERENCES proposal (id)
);

CREATE TABLE review_score (
    review_id uuid NOT NULL,
    criterion_id uuid NOT NULL,
    score integer NOT NULL,
    CONSTRAINT pk_review_score PRIMARY KEY (review_id, criterion_id),
    CONSTRAINT fk_review_score_review_review_id FOREIGN KEY (review_id) REFERENCES review (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_score_rubric_criterion_criterion_id FOREIGN KEY (criterion_id) REFERENCES rubric_criterion (id)
);

CREATE INDEX ix_comment_parent_id ON comment (parent_id);

CREATE INDEX ix_comment_proposal_id_created_at ON comment (proposal_id, created_at);

CREATE INDEX ix_review_pemkab_id_created_at ON review (pemkab_id, created_at);

CREATE UNIQUE INDEX ix_review_proposal_id_reviewer_id ON review (proposal_id, reviewer_id);

CREATE INDEX ix_review_score_criterion_id ON review_score (criterion_id);

CREATE UNIQUE INDEX ix_rubric_criterion_pemkab_id_code ON rubric_criterion (pemkab_id, code);

CREATE INDEX ix_vote_pemkab_id_month ON vote (pemkab_id, month);

CREATE UNIQUE INDEX ix_vote_proposal_id_voter_id ON vote (proposal_id, voter_id);

ALTER TABLE review_score ADD CONSTRAINT ck_review_score_range CHECK (score BETWEEN 1 AND 5);
ALTER TABLE vote ADD CONSTRAINT ck_vote_month CHECK (month ~ '^[0-9]{4}-[0-9]{2}$');

