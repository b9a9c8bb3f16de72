-- The status timeline: one row per status change of a proposal, written in the same transaction as the change,
-- so the reason given with "request revision", approval or rejection stays on the record (issue 12.1).
CREATE TABLE proposal_status_event (
    id bigint GENERATED ALWAYS AS IDENTITY,
    proposal_id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    at timestamp with time zone NOT NULL DEFAULT now(),
    actor_id uuid,
    from_status text NOT NULL,
    to_status text NOT NULL,
    action text NOT NULL,
    reason text,
    CONSTRAINT pk_proposal_status_event PRIMARY KEY (id),
    CONSTRAINT fk_proposal_status_event_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_proposal_status_event_actor FOREIGN KEY (actor_id) REFERENCES users (id),
    CONSTRAINT fk_proposal_status_event_pemkab FOREIGN KEY (pemkab_id) REFERENCES pemkab (id),
    CONSTRAINT ck_proposal_status_event_reason CHECK (reason IS NULL OR length(reason) <= 2000)
);

CREATE INDEX ix_proposal_status_event_proposal ON proposal_status_event (proposal_id, at, id);

-- Status changes made before this table existed are in the audit log ("proposal.<action>" with from, to, note).
INSERT INTO proposal_status_event (proposal_id, pemkab_id, at, actor_id, from_status, to_status, action, reason)
SELECT a.proposal_id, a.pemkab_id, a.at, a.actor_id, a.detail::jsonb ->> 'from', a.detail::jsonb ->> 'to',
       substring(a.action FROM 10), left(NULLIF(a.detail::jsonb ->> 'note', ''), 2000)
FROM audit_entry a
JOIN proposal p ON p.id = a.proposal_id
WHERE a.action LIKE 'proposal.%' AND a.detail IS NOT NULL
  AND a.detail::jsonb ? 'from' AND a.detail::jsonb ? 'to'
ORDER BY a.id;
