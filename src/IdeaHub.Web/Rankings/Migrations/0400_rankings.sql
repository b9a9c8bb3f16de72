-- Rankings: a per-month per-proposal aggregate kept current by triggers on review, review_score and vote
-- (so the live ranking never scans raw reviews), and the frozen results of closed months.

-- Month key ("yyyy-MM") of an instant on a Pemkab's clock.
CREATE FUNCTION ranking_month(at timestamptz, tz text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT to_char(at AT TIME ZONE tz, 'YYYY-MM') $$;

CREATE TABLE ranking_aggregate (
    pemkab_id uuid NOT NULL,
    month text NOT NULL,
    proposal_id uuid NOT NULL,
    review_count integer NOT NULL,
    -- Sum over the month's reviews of each review's weighted rubric score (sum w*s / sum w).
    score_sum double precision NOT NULL,
    support_count integer NOT NULL,
    -- Kepala OPD votes counted in the month, own-OPD votes excluded.
    vote_count integer NOT NULL,
    CONSTRAINT pk_ranking_aggregate PRIMARY KEY (pemkab_id, month, proposal_id),
    CONSTRAINT fk_ranking_aggregate_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE
);
CREATE INDEX ix_ranking_aggregate_proposal_id ON ranking_aggregate (proposal_id);

-- Recomputes one proposal's aggregate for one month from the raw rows (a handful per proposal).
CREATE FUNCTION ranking_refresh(p_proposal uuid, p_month text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_pemkab uuid; v_opd uuid; v_tz text;
    v_n integer; v_sum double precision; v_support integer; v_votes integer;
BEGIN
    SELECT p.pemkab_id, p.opd_id, k.time_zone INTO v_pemkab, v_opd, v_tz
    FROM proposal p JOIN pemkab k ON k.id = p.pemkab_id WHERE p.id = p_proposal;
    IF v_pemkab IS NULL THEN RETURN; END IF;

    SELECT count(*), coalesce(sum(ws), 0) INTO v_n, v_sum FROM (
        SELECT sum(s.score * c.weight)::float8 / nullif(sum(c.weight), 0)::float8 AS ws
        FROM review r
        JOIN review_score s ON s.review_id = r.id
        JOIN rubric_criterion c ON c.id = s.criterion_id
        WHERE r.proposal_id = p_proposal AND ranking_month(r.created_at, v_tz) = p_month
        GROUP BY r.id) w
    WHERE ws IS NOT NULL;

    SELECT count(*) FILTER (WHERE support), count(*) INTO v_support, v_votes
    FROM vote WHERE proposal_id = p_proposal AND month = p_month AND voter_opd_id <> v_opd;

    IF v_n = 0 AND v_votes = 0 THEN
        DELETE FROM ranking_aggregate WHERE pemkab_id = v_pemkab AND month = p_month AND proposal_id = p_proposal;
    ELSE
        INSERT INTO ranking_aggregate AS a VALUES (v_pemkab, p_month, p_proposal, v_n, v_sum, v_support, v_votes)
        ON CONFLICT (pemkab_id, month, proposal_id) DO UPDATE
        SET review_count = excluded.review_count, score_sum = excluded.score_sum,
            support_count = excluded.support_count, vote_count = excluded.vote_count;
    END IF;
END $$;

CREATE FUNCTION ranking_review_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_tz text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT k.time_zone INTO v_tz FROM pemkab k WHERE k.id = OLD.pemkab_id;
        PERFORM ranking_refresh(OLD.proposal_id, ranking_month(OLD.created_at, v_tz));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT k.time_zone INTO v_tz FROM pemkab k WHERE k.id = NEW.pemkab_id;
        PERFORM ranking_refresh(NEW.proposal_id, ranking_month(NEW.created_at, v_tz));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION ranking_review_score_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_proposal uuid; v_month text;
BEGIN
    SELECT r.proposal_id, ranking_month(r.created_at, k.time_zone) INTO v_proposal, v_month
    FROM review r JOIN pemkab k ON k.id = r.pemkab_id
    WHERE r.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.review_id ELSE NEW.review_id END;
    -- A score deleted together with its review: the review's own trigger refreshes.
    IF v_proposal IS NOT NULL THEN PERFORM ranking_refresh(v_proposal, v_month); END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION ranking_vote_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM ranking_refresh(OLD.proposal_id, OLD.month); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM ranking_refresh(NEW.proposal_id, NEW.month); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trg_review_ranking AFTER INSERT OR UPDATE OR DELETE ON review
    FOR EACH ROW EXECUTE FUNCTION ranking_review_changed();
CREATE TRIGGER trg_review_score_ranking AFTER INSERT OR UPDATE OR DELETE ON review_score
    FOR EACH ROW EXECUTE FUNCTION ranking_review_score_changed();
CREATE TRIGGER trg_vote_ranking AFTER INSERT OR UPDATE OR DELETE ON vote
    FOR EACH ROW EXECUTE FUNCTION ranking_vote_changed();

-- A closed month: its ranking and dashboard figures, frozen.
CREATE TABLE month_close (
    pemkab_id uuid NOT NULL,
    month text NOT NULL,
    closed_at timestamp with time zone NOT NULL DEFAULT now(),
    closed_by uuid NOT NULL,
    month_mean double precision,
    median_reviews double precision,
    ranked_count integer NOT NULL,
    stats jsonb NOT NULL,
    CONSTRAINT pk_month_close PRIMARY KEY (pemkab_id, month),
    CONSTRAINT ck_month_close_month CHECK (month ~ '^[0-9]{4}-[0-9]{2}$')
);

CREATE TABLE ranking_snapshot (
    pemkab_id uuid NOT NULL,
    month text NOT NULL,
    rank integer NOT NULL,
    proposal_id uuid NOT NULL,
    title text NOT NULL,
    opd_id uuid NOT NULL,
    opd_name text NOT NULL,
    stage text NOT NULL,
    status text NOT NULL,
    review_count integer NOT NULL,
    raw_mean double precision NOT NULL,
    bayesian double precision NOT NULL,
    support_count integer NOT NULL,
    vote_count integer NOT NULL,
    wilson double precision,
    explanation jsonb NOT NULL,
    indicators jsonb NOT NULL,
    CONSTRAINT pk_ranking_snapshot PRIMARY KEY (pemkab_id, month, rank),
    CONSTRAINT fk_ranking_snapshot_month_close FOREIGN KEY (pemkab_id, month) REFERENCES month_close (pemkab_id, month)
);

-- History is append-only: a closed month and its snapshot can never be rewritten or removed.
CREATE FUNCTION ranking_history_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'closed month % is frozen', OLD.month USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER trg_month_close_frozen BEFORE UPDATE OR DELETE ON month_close
    FOR EACH ROW EXECUTE FUNCTION ranking_history_is_frozen();
CREATE TRIGGER trg_ranking_snapshot_frozen BEFORE UPDATE OR DELETE ON ranking_snapshot
    FOR EACH ROW EXECUTE FUNCTION ranking_history_is_frozen();

-- Votes in a closed month are refused even if a caller forgot to ask MonthStatus first.
CREATE FUNCTION ranking_vote_month_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM month_close WHERE pemkab_id = NEW.pemkab_id AND month = NEW.month)
       OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM month_close WHERE pemkab_id = OLD.pemkab_id AND month = OLD.month)) THEN
        RAISE EXCEPTION 'month % is closed', NEW.month USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER trg_vote_month_open BEFORE INSERT OR UPDATE ON vote
    FOR EACH ROW EXECUTE FUNCTION ranking_vote_month_open();

-- Dashboard cohorts: proposals created in a month, per Pemkab.
CREATE INDEX ix_proposal_pemkab_id_created_at ON proposal (pemkab_id, created_at);
