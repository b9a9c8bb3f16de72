-- Synthetic national deployment: kab-tegal (idx 0) holds 10% of the proposals, 49 synthetic regencies the rest.
-- Ids come from sequences so primary keys grow in order; secondary indexes are rebuilt after the load.
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
SET session_replication_role = replica;

INSERT INTO pemkab (id, code, name, kind, time_zone, created_at)
SELECT gen_random_uuid(), 'bench-' || i, 'Kabupaten Uji ' || i, 'Kabupaten', 'Asia/Jakarta', now() FROM generate_series(1, 49) i;
INSERT INTO opd (id, pemkab_id, code, name, is_active, created_at)
SELECT gen_random_uuid(), k.id, 'opd-' || lpad(j::text, 2, '0'), 'OPD Uji ' || j, true, now()
FROM pemkab k CROSS JOIN generate_series(1, 12) j WHERE k.code LIKE 'bench-%';
INSERT INTO users (id, pemkab_id, opd_id, full_name, is_active, created_at, user_name, normalized_user_name,
                   email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
SELECT gen_random_uuid(), k.id, NULL, 'Penulis Uji', true, now(), 'author.' || k.code, upper('author.' || k.code), true, false, false, false, 0
FROM pemkab k WHERE k.code LIKE 'bench-%';
INSERT INTO rubric_criterion (id, pemkab_id, code, name, name_en, description, weight, position, is_active)
SELECT gen_random_uuid(), k.id, c.code, c.name, c.name_en, c.description, c.weight, c.position, true
FROM pemkab k CROSS JOIN rubric_criterion c JOIN pemkab t ON t.id = c.pemkab_id AND t.code = 'kab-tegal'
WHERE k.code LIKE 'bench-%';

CREATE TEMP TABLE bp AS
SELECT (row_number() OVER (ORDER BY k.code <> 'kab-tegal', k.code) - 1)::int AS idx, k.id AS pemkab_id,
       (SELECT array_agg(o.id ORDER BY o.code) FROM opd o WHERE o.pemkab_id = k.id) AS opds,
       (SELECT array_agg(c.id ORDER BY c.position) FROM rubric_criterion c WHERE c.pemkab_id = k.id) AS criteria,
       (SELECT u.id FROM users u WHERE u.pemkab_id = k.id AND u.user_name IN ('asn.dinkes', 'author.' || k.code) LIMIT 1) AS author,
       (SELECT array_agg(coalesce(u.id, gen_random_uuid()) ORDER BY o.code)
          FROM opd o LEFT JOIN users u ON u.opd_id = o.id AND u.user_name LIKE 'kepala.%' WHERE o.pemkab_id = k.id) AS heads
FROM pemkab k WHERE k.code = 'kab-tegal' OR k.code LIKE 'bench-%';

CREATE TEMP SEQUENCE ids;
CREATE FUNCTION pg_temp.next_id(prefix text) RETURNS uuid LANGUAGE sql AS
$$ SELECT (prefix || '-0000-4000-8000-' || lpad(to_hex(nextval('ids')), 12, '0'))::uuid $$;

CREATE TEMP TABLE saved_idx AS SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename IN ('proposal', 'indicator', 'review', 'review_score', 'vote') AND indexname NOT LIKE 'pk_%';
DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM saved_idx LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP; END $$;

INSERT INTO proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, problem, design, goals,
                      benefits, results, status, revision_number, created_at, updated_at, submitted_at)
SELECT pg_temp.next_id('b0000000'), bp.pemkab_id, bp.opds[1 + (g.i * 7) % 12], bp.author, 'Inovasi uji ' || g.i,
       (ARRAY['Inisiatif', 'UjiCoba', 'Penerapan'])[1 + g.i % 3], 'Asn',
       CASE WHEN g.i % 5 < 3 THEN 'Digital' ELSE 'NonDigital' END, 'PelayananPublik',
       (ARRAY['Kesehatan', 'Pendidikan', 'Pariwisata', 'Penanaman Modal', 'Sosial', 'Perhubungan', 'Komunikasi dan Informatika',
              'Administrasi Kependudukan dan Pencatatan Sipil'])[1 + g.i % 8],
       'Masalah terukur', 'Rancang bangun', 'Tujuan', 'Manfaat', '',
       (ARRAY['Draft', 'Submitted', 'InReview', 'NeedsRevision', 'ApprovedForTrial', 'Implemented', 'Rejected'])[1 + (g.i / 3) % 7], 1,
       g.created, g.created, CASE WHEN (g.i / 3) % 7 = 0 THEN NULL ELSE g.created + interval '2 days' END
FROM (SELECT i, now() - random() * interval '730 days' AS created FROM generate_series(1, @proposals) i) g
JOIN bp ON bp.idx = CASE WHEN g.i % 10 = 0 THEN 0 ELSE 1 + g.i % 49 END;

INSERT INTO indicator (id, proposal_id, position, name, unit, baseline, target)
SELECT pg_temp.next_id('b1000000'), p.id, 0, 'Waktu penerbitan izin usaha', 'hari kerja', 14, 3
FROM proposal p WHERE p.title LIKE 'Inovasi uji %';

INSERT INTO review (id, pemkab_id, proposal_id, reviewer_id, reviewer_opd_id, recommendation, comment, created_at, updated_at)
SELECT pg_temp.next_id('b2000000'), p.pemkab_id, p.id, md5(p.id::text || j)::uuid, NULL, 'Approve', 'bench', t.at, t.at
FROM (SELECT id, pemkab_id, created_at, abs(hashtext(id::text)) % 11 AS k
      FROM proposal WHERE status <> 'Draft' AND title LIKE 'Inovasi uji %') p
CROSS JOIN LATERAL generate_series(1, p.k) j
CROSS JOIN LATERAL (SELECT least(p.created_at + (2 * j + abs(hashtext(p.id::text || j)) % 5) * interval '1 day', now()) AS at) t;

INSERT INTO review_score (review_id, criterion_id, score)
SELECT r.id, bp.criteria[c], least(5, 1 + abs(hashtext(r.proposal_id::text)) % 3 + abs(hashtext(r.id::text || c)) % 3)
FROM review r JOIN bp ON bp.pemkab_id = r.pemkab_id CROSS JOIN generate_series(1, 6) c
WHERE r.comment = 'bench';

-- Up to 12 heads vote; the 12th is the proposal's own OPD (counted nowhere, as the ranking must ensure).
INSERT INTO vote (id, pemkab_id, proposal_id, voter_id, voter_opd_id, support, month, created_at, updated_at)
SELECT pg_temp.next_id('b3000000'), p.pemkab_id, p.id, bp.heads[x.h], bp.opds[x.h], abs(hashtext(p.id::text || n)) % 3 <> 0,
       ranking_month(x.at, 'Asia/Jakarta'), x.at, x.at
FROM (SELECT id, pemkab_id, opd_id, created_at, 1 + abs(hashtext(id::text || 'v')) % 12 AS v
      FROM proposal WHERE status <> 'Draft' AND title LIKE 'Inovasi uji %') p
JOIN bp ON bp.pemkab_id = p.pemkab_id
CROSS JOIN LATERAL generate_series(1, p.v) n
CROSS JOIN LATERAL (SELECT 1 + (array_position(bp.opds, p.opd_id) - 1 + n) % 12 AS h,
                           least(p.created_at + n * interval '1 day', now()) AS at) x;

DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexdef FROM saved_idx LOOP EXECUTE r.indexdef; END LOOP; END $$;
SET session_replication_role = origin;
