-- @n running innovations of kab-tegal created this year, 2 indicators each, 6 monthly realisations per indicator,
-- one 20 KB PDF-like evidence file each. Triggers off (embedding queue, ranking counters).
SET session_replication_role = replica;

CREATE TEMP TABLE bp AS
SELECT k.id AS pemkab_id, (SELECT array_agg(o.id ORDER BY o.code) FROM opd o WHERE o.pemkab_id = k.id) AS opds,
       (SELECT array_agg(u.id ORDER BY u.user_name) FROM users u WHERE u.pemkab_id = k.id AND u.user_name LIKE 'asn.%') AS authors
FROM pemkab k WHERE k.code = 'kab-tegal';

INSERT INTO proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, trial_date, problem, design, goals,
                      benefits, results, status, revision_number, created_at, updated_at, submitted_at)
SELECT gen_random_uuid(), bp.pemkab_id, bp.opds[1 + g.i % array_length(bp.opds, 1)], bp.authors[1 + g.i % array_length(bp.authors, 1)],
       'Inovasi ekspor ' || g.i, 'UjiCoba', 'Asn', 'Digital', 'PelayananPublik', 'Pariwisata', date_trunc('year', now())::date,
       repeat('Masalah terukur dalam angka. ', 10), repeat('Rancang bangun inovasi dengan langkah yang jelas. ', 60),
       repeat('Tujuan. ', 20), repeat('Manfaat. ', 20), '', CASE WHEN g.i % 2 = 0 THEN 'ApprovedForTrial' ELSE 'Implemented' END,
       1, date_trunc('year', now()) + g.i * interval '1 minute', now(), now()
FROM generate_series(1, @n) g(i) CROSS JOIN bp;

INSERT INTO indicator (id, proposal_id, position, name, unit, baseline, target, target_date, direction)
SELECT gen_random_uuid(), p.id, j - 1, CASE j WHEN 1 THEN 'Kunjungan wisatawan' ELSE 'Waktu layanan' END,
       CASE j WHEN 1 THEN 'orang' ELSE 'hari' END, CASE j WHEN 1 THEN 1000 ELSE 14 END, CASE j WHEN 1 THEN 2000 ELSE 3 END,
       (date_trunc('year', now()) + interval '1 year' - interval '1 day')::date, CASE j WHEN 1 THEN 'Increase' ELSE 'Decrease' END
FROM proposal p CROSS JOIN generate_series(1, 2) j WHERE p.title LIKE 'Inovasi ekspor %';

INSERT INTO indicator_realisation (id, pemkab_id, proposal_id, indicator_id, period, value, note, reported_by)
SELECT gen_random_uuid(), p.pemkab_id, p.id, i.id, (date_trunc('year', now()) + (m - 1) * interval '1 month')::date,
       i.baseline + (i.target - i.baseline) * m / 12.0, 'Laporan bulan ' || m, p.author_id
FROM proposal p JOIN indicator i ON i.proposal_id = p.id CROSS JOIN generate_series(1, 6) m WHERE p.title LIKE 'Inovasi ekspor %';

INSERT INTO evidence (id, pemkab_id, proposal_id, period, file_name, content_type, size_bytes, sha256, content, uploaded_by)
SELECT gen_random_uuid(), p.pemkab_id, p.id, NULL, 'bukti.pdf', 'application/pdf', 20480, sha256(c.b), c.b, p.author_id
FROM proposal p CROSS JOIN (SELECT convert_to('%PDF-1.4' || repeat('x', 20472), 'UTF8') AS b) c WHERE p.title LIKE 'Inovasi ekspor %';

SET session_replication_role = DEFAULT;

VACUUM ANALYZE;
