-- A change counter per Pemkab for the live-month cache (LiveMonthCache): every write that can change an open
-- month's ranking or dashboard figures bumps it, so a cached entry is served only while the counter it was
-- computed under is still current. The bump runs in deferred constraint triggers, i.e. at commit, in the writing
-- transaction itself: the new count becomes visible together with the data. One row per Pemkab, not per month:
-- a transaction then takes exactly one counter lock, and last, so two writers can never deadlock on counters.
CREATE TABLE ranking_version (
    pemkab_id uuid NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    CONSTRAINT pk_ranking_version PRIMARY KEY (pemkab_id)
);

CREATE FUNCTION ranking_bump(p_pemkab uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ranking_version AS v (pemkab_id) VALUES (p_pemkab)
    ON CONFLICT (pemkab_id) DO UPDATE SET version = v.version + 1
$$;

-- For tables with a pemkab_id column.
CREATE FUNCTION ranking_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM ranking_bump(OLD.pemkab_id);
    ELSE
        PERFORM ranking_bump(NEW.pemkab_id);
        IF TG_OP = 'UPDATE' THEN
            IF OLD.pemkab_id IS DISTINCT FROM NEW.pemkab_id THEN PERFORM ranking_bump(OLD.pemkab_id); END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- review_score has no pemkab_id; a score deleted with its review is covered by the review's own trigger.
CREATE FUNCTION ranking_version_score_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ranking_bump(r.pemkab_id) FROM review r
    WHERE r.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.review_id ELSE NEW.review_id END;
    RETURN NULL;
END $$;

-- Reviews, scores and votes feed ranking_aggregate; review existence also feeds the cohort's "reviewed" count.
CREATE CONSTRAINT TRIGGER trg_review_ranking_version AFTER INSERT OR UPDATE OR DELETE ON review
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();
CREATE CONSTRAINT TRIGGER trg_review_score_ranking_version AFTER INSERT OR UPDATE OR DELETE ON review_score
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_score_changed();
CREATE CONSTRAINT TRIGGER trg_vote_ranking_version AFTER INSERT OR UPDATE OR DELETE ON vote
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();

-- Proposals: new or removed ones change the month's cohort; of an update, only what the ranking or the dashboard
-- shows or counts (stage, status, title, OPD, submission, merge, urusan, jenis), not every draft autosave.
CREATE CONSTRAINT TRIGGER trg_proposal_ranking_version AFTER INSERT OR DELETE ON proposal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();
CREATE CONSTRAINT TRIGGER trg_proposal_update_ranking_version AFTER UPDATE ON proposal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.title IS DISTINCT FROM NEW.title OR OLD.opd_id IS DISTINCT FROM NEW.opd_id
          OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
          OR OLD.urusan IS DISTINCT FROM NEW.urusan OR OLD.kind IS DISTINCT FROM NEW.kind
          OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.pemkab_id IS DISTINCT FROM NEW.pemkab_id)
    EXECUTE FUNCTION ranking_version_changed();

-- OPD names and activity (participation rows), rubric weights (also rebuilt set-based by AggregateRebuild, which
-- bumps itself) and month closes (a closed month leaves the live path; its trend neighbours change source).
CREATE CONSTRAINT TRIGGER trg_opd_ranking_version AFTER INSERT OR UPDATE OR DELETE ON opd
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();
CREATE CONSTRAINT TRIGGER trg_rubric_criterion_ranking_version AFTER INSERT OR UPDATE OR DELETE ON rubric_criterion
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();
CREATE CONSTRAINT TRIGGER trg_month_close_ranking_version AFTER INSERT ON month_close
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_changed();
