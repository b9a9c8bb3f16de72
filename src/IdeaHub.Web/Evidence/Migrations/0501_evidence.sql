-- Evidence (data dukung): files attached to a proposal or to one month's realisation report, kept in PostgreSQL so
-- every app instance serves them and a backup holds them. Content is checked by its magic bytes before it lands here.
CREATE TABLE evidence (
    id uuid NOT NULL,
    pemkab_id uuid NOT NULL,
    proposal_id uuid NOT NULL,
    period date,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes integer NOT NULL,
    sha256 bytea NOT NULL,
    content bytea NOT NULL,
    uploaded_by uuid NOT NULL,
    uploaded_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT pk_evidence PRIMARY KEY (id),
    CONSTRAINT fk_evidence_proposal FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_uploader FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT ck_evidence_size CHECK (size_bytes > 0 AND size_bytes = octet_length(content)),
    CONSTRAINT ck_evidence_period CHECK (period IS NULL OR extract(day FROM period) = 1)
);
-- PDFs, images and office files are already compressed: store them out of line without another compression pass.
ALTER TABLE evidence ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX ix_evidence_proposal ON evidence (proposal_id, period);
