-- ranking_version is bumped once per transaction and Pemkab, not once per written row. 0401's deferred row triggers
-- upserted the same counter row n times at COMMIT; each upsert in one transaction adds a row version that the next
-- one's conflict check walks, so n rows cost O(n²) (measured: 10,000 rows 3.8 s in COMMIT against 0.07 s for the
-- insert; the realtime bench's 72,000 scores took minutes and its setup failed).
--
-- Now: statement-level triggers read the statement's rows from transition tables and note each touched Pemkab once
-- per transaction (ranking_bump). The note is a row in ranking_version_pending, whose deferred constraint trigger does
-- the one bump at commit, in the writing transaction: the new count is still visible together with the data, and a
-- transaction still takes its counter locks last, so two writers cannot deadlock on counters. A transaction-local
-- setting named after the Pemkab remembers the note; it holds the transaction id (a value left in a pooled session
-- never matches another transaction) and is undone with a rolled-back savepoint together with the note it marked.

-- Rows live only inside their transaction: unlogged, no index (a scan sees a page or two).
CREATE UNLOGGED TABLE ranking_version_pending (pemkab_id uuid NOT NULL, xact bigint NOT NULL);

CREATE FUNCTION ranking_version_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ranking_version AS v (pemkab_id) VALUES (NEW.pemkab_id)
    ON CONFLICT (pemkab_id) DO UPDATE SET version = v.version + 1;
    DELETE FROM ranking_version_pending WHERE xact = NEW.xact AND pemkab_id = NEW.pemkab_id;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER trg_ranking_version_commit AFTER INSERT ON ranking_version_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ranking_version_commit();

-- Same name and meaning for callers (AggregateRebuild): the Pemkab's counter moves when this transaction commits.
CREATE OR REPLACE FUNCTION ranking_bump(p_pemkab uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_marker text := 'ideahub_ranking_version.p' || replace(p_pemkab::text, '-', '');
    v_xact bigint := txid_current();
BEGIN
    IF p_pemkab IS NULL OR current_setting(v_marker, true) IS NOT DISTINCT FROM v_xact::text THEN RETURN; END IF;
    INSERT INTO ranking_version_pending (pemkab_id, xact) VALUES (p_pemkab, v_xact);
    PERFORM set_config(v_marker, v_xact::text, true);
END $$;

DROP TRIGGER trg_review_ranking_version ON review;
DROP TRIGGER trg_review_score_ranking_version ON review_score;
DROP TRIGGER trg_vote_ranking_version ON vote;
DROP TRIGGER trg_proposal_ranking_version ON proposal;
DROP TRIGGER trg_proposal_update_ranking_version ON proposal;
DROP TRIGGER trg_opd_ranking_version ON opd;
DROP TRIGGER trg_rubric_criterion_ranking_version ON rubric_criterion;
DROP TRIGGER trg_month_close_ranking_version ON month_close;
DROP FUNCTION ranking_version_changed();
DROP FUNCTION ranking_version_score_changed();

-- For tables with a pemkab_id column. A trigger with transition tables serves one event, so each table gets one
-- trigger per event, all on this function; only the branch of the trigger's own event runs.
CREATE FUNCTION ranking_version_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM ranking_bump(d.pemkab_id) FROM (SELECT DISTINCT pemkab_id FROM new_rows) d;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM ranking_bump(d.pemkab_id) FROM (SELECT DISTINCT pemkab_id FROM old_rows) d;
    ELSE
        PERFORM ranking_bump(d.pemkab_id) FROM (SELECT pemkab_id FROM new_rows UNION SELECT pemkab_id FROM old_rows) d;
    END IF;
    RETURN NULL;
END $$;

-- review_score has no pemkab_id; a score deleted with its review is covered by the review's own trigger.
CREATE FUNCTION ranking_version_scores_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM ranking_bump(d.pemkab_id)
        FROM (SELECT DISTINCT r.pemkab_id FROM review r WHERE r.id IN (SELECT review_id FROM new_rows)) d;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM ranking_bump(d.pemkab_id)
        FROM (SELECT DISTINCT r.pemkab_id FROM review r WHERE r.id IN (SELECT review_id FROM old_rows)) d;
    ELSE
        PERFORM ranking_bump(d.pemkab_id) FROM (SELECT DISTINCT r.pemkab_id FROM review r
            WHERE r.id IN (SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows)) d;
    END IF;
    RETURN NULL;
END $$;

-- Proposals: of an update, only what the ranking or the dashboard shows or counts (stage, status, title, OPD,
-- submission, merge, urusan, jenis, creation, Pemkab), not every draft autosave.
CREATE FUNCTION ranking_version_proposals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ranking_bump(d.pemkab_id) FROM (
        SELECT n.pemkab_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.stage IS DISTINCT FROM n.stage OR o.status IS DISTINCT FROM n.status
           OR o.title IS DISTINCT FROM n.title OR o.opd_id IS DISTINCT FROM n.opd_id
           OR o.submitted_at IS DISTINCT FROM n.submitted_at OR o.merged_into_id IS DISTINCT FROM n.merged_into_id
           OR o.urusan IS DISTINCT FROM n.urusan OR o.kind IS DISTINCT FROM n.kind
           OR o.created_at IS DISTINCT FROM n.created_at OR o.pemkab_id IS DISTINCT FROM n.pemkab_id
        UNION
        SELECT o.pemkab_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.pemkab_id IS DISTINCT FROM n.pemkab_id) d;
    RETURN NULL;
END $$;

CREATE TRIGGER trg_review_insert_ranking_version AFTER INSERT ON review
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_review_update_ranking_version AFTER UPDATE ON review
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_review_delete_ranking_version AFTER DELETE ON review
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();

CREATE TRIGGER trg_review_score_insert_ranking_version AFTER INSERT ON review_score
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_scores_changed();
CREATE TRIGGER trg_review_score_update_ranking_version AFTER UPDATE ON review_score
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_scores_changed();
CREATE TRIGGER trg_review_score_delete_ranking_version AFTER DELETE ON review_score
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_scores_changed();

CREATE TRIGGER trg_vote_insert_ranking_version AFTER INSERT ON vote
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_vote_update_ranking_version AFTER UPDATE ON vote
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_vote_delete_ranking_version AFTER DELETE ON vote
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();

CREATE TRIGGER trg_proposal_insert_ranking_version AFTER INSERT ON proposal
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_proposal_update_ranking_version AFTER UPDATE ON proposal
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_proposals_updated();
CREATE TRIGGER trg_proposal_delete_ranking_version AFTER DELETE ON proposal
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();

CREATE TRIGGER trg_opd_insert_ranking_version AFTER INSERT ON opd
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_opd_update_ranking_version AFTER UPDATE ON opd
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_opd_delete_ranking_version AFTER DELETE ON opd
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();

CREATE TRIGGER trg_rubric_criterion_insert_ranking_version AFTER INSERT ON rubric_criterion
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_rubric_criterion_update_ranking_version AFTER UPDATE ON rubric_criterion
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
CREATE TRIGGER trg_rubric_criterion_delete_ranking_version AFTER DELETE ON rubric_criterion
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();

CREATE TRIGGER trg_month_close_insert_ranking_version AFTER INSERT ON month_close
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ranking_version_rows_changed();
