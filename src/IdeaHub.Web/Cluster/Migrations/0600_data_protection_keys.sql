-- Data Protection key ring shared by every app instance (Cluster feature, KeyRingDb). Each row is one key's XML,
-- encrypted at rest when IdeaHub:DataProtection:CertificatePath is configured.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id serial PRIMARY KEY,
    friendly_name text,
    xml text
);
