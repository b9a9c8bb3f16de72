-- Admin user search (ILIKE '%…%' over ~10,000 users per Pemkab) uses trigram indexes instead of scanning.
CREATE INDEX ix_users_full_name_trgm ON users USING gin (full_name gin_trgm_ops);
CREATE INDEX ix_users_user_name_trgm ON users USING gin (user_name gin_trgm_ops);
CREATE INDEX ix_users_pemkab_id_full_name ON users (pemkab_id, full_name, id);
