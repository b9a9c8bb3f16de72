-- Synthetic catalogue: @n proposals, 70% in kab-tegal (every demo OPD), 30% in kab-bintan (replication material).
-- Text: a title of 4 words and a design of 60 words drawn from 8,000 pseudo-words, skewed so that a few are
-- common and most are rare, the way real vocabularies are. Triggers off (embedding queue, ranking counters).
SET session_replication_role = replica;

CREATE TEMP TABLE words AS
SELECT i, (s[1 + i % 20] || s[1 + (i / 20) % 20] || s[1 + (i / 400) % 20]) AS w
FROM generate_series(0, 7999) i,
     (SELECT ARRAY['ka','la','ma','sa','ta','pa','ra','na','ba','da','ki','lu','me','so','tu','pi','ro','ne','bu','de'] AS s) x;

CREATE TEMP TABLE wa AS SELECT array_agg(w ORDER BY i) AS a FROM words;

CREATE TEMP TABLE bp AS
SELECT k.id AS pemkab_id, (SELECT array_agg(o.id ORDER BY o.code) FROM opd o WHERE o.pemkab_id = k.id) AS opds,
       (SELECT array_agg(u.id ORDER BY u.user_name) FROM users u WHERE u.pemkab_id = k.id AND u.user_name LIKE 'asn.%') AS authors,
       CASE k.code WHEN 'kab-tegal' THEN 0 ELSE 1 END AS idx
FROM pemkab k WHERE k.code IN ('kab-tegal', 'kab-bintan');

INSERT INTO proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, problem, design, goals,
                      benefits, results, status, revision_number, created_at, updated_at, submitted_at)
SELECT gen_random_uuid(), bp.pemkab_id, bp.opds[1 + g.i % array_length(bp.opds, 1)], bp.authors[1 + g.i % array_length(bp.authors, 1)],
       'Inovasi ' || (SELECT string_agg(wa.a[1 + floor(7999 * random() ^ 3)::int + j * 0], ' ') FROM generate_series(1, 3 + g.i * 0) j),
       (ARRAY['Inisiatif', 'UjiCoba', 'Penerapan'])[1 + g.i % 3], 'Asn', 'Digital', 'PelayananPublik',
       (ARRAY['Kesehatan', 'Pendidikan', 'Pariwisata', 'Penanaman Modal', 'Sosial', 'Perhubungan', 'Pertanian', 'Kependudukan'])[1 + g.i % 8],
       'Masalah terukur', (SELECT string_agg(wa.a[1 + floor(7999 * random() ^ 3)::int + j * 0], ' ') FROM generate_series(1, 60 + g.i * 0) j),
       'Tujuan', 'Manfaat', '',
       (ARRAY['Draft', 'Submitted', 'InReview', 'NeedsRevision', 'ApprovedForTrial', 'Implemented', 'Rejected', 'ApprovedForTrial', 'Implemented'])[1 + (g.i / 7) % 9],
       1, g.created, g.created, g.created + interval '2 days'
FROM (SELECT i, now() - random() * interval '1095 days' AS created FROM generate_series(1, @n) i) g
JOIN bp ON bp.idx = CASE WHEN g.i % 10 < 7 THEN 0 ELSE 1 END
CROSS JOIN wa;

INSERT INTO proposal_outcome (proposal_id, pemkab_id, state)
SELECT id, pemkab_id, (ARRAY['NoData', 'OnTrack', 'AtRisk', 'Achieved', 'Missed'])[1 + abs(hashtext(id::text)) % 5]
FROM proposal WHERE status IN ('ApprovedForTrial', 'Implemented');

SET session_replication_role = DEFAULT;

VACUUM ANALYZE proposal;

VACUUM ANALYZE proposal_outcome;
