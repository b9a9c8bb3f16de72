-- Outcomes: what each indicator of a running innovation actually reached, one value per indicator and month.
CREATE TABLE indicator_realisation (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    period date NOT NULL,
    value numeric(20,4) NOT NULL,
    note text NOT NULL DEFAULT '',
    reported_by uuid NOT NULL,
    reported_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_indicator_realisation PRIMARY KEY (id),
    CONSTRAINT fk_indicator_realisation_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_indicator_realisation_indicator FOREIGN KEY (indicator_id) REFERENCES indicator (id) ON DELETE CASCADE,
    CONSTRAINT fk_indicator_realisation_reporter FOREIGN KEY (reported_by) REFERENCES users (id),
    CONSTRAINT ck_indicator_realisation_period CHECK (extract(day FROM period) = 1)
);
CREATE UNIQUE INDEX ix_indicator_realisation_indicator_period ON indicator_realisation (indicator_id, period);
CREATE INDEX ix_indicator_realisation_proposal ON indicator_realisation (proposal_id);
CREATE INDEX ix_indicator_realisation_pemkab_period ON indicator_realisation (pemkab_id, period);
