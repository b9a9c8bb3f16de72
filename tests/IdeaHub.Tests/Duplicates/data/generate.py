#!/usr/bin/env python3
"""Builds duplicate-pairs.json from the hand-written concepts: three variants per concept in three OPDs
(title 1 + version A, title 2 + version B, title 3 + a reworded mix), labelled pairs:
duplicate (variants of one concept), related (same family, different innovation), different (other family),
and near-identical titles of different ideas (twins). Deterministic: run it again to get the same file."""
import json, random, re, os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))
import concepts_a, concepts_b

rnd = random.Random(2026)
PLACES = ["Kecamatan Slawi", "Adiwerna", "Dukuhturi", "Talang", "Pangkah", "Balapulang", "Bumijawa", "Bojong", "Margasari",
          "Jatinegara", "Lebaksiu", "Kramat", "Suradadi", "Warureja", "Tarub", "Dukuhwaru", "Kedungbanteng", "Pagerbarang",
          "wilayah pegunungan selatan", "desa-desa pesisir utara", "kabupaten kami"]
# Rewording used for the third variant: different words a second author might choose for the same idea.
SYNONYMS = [("warga", "masyarakat"), ("online", "daring"), ("daring", "online"), ("aplikasi", "platform digital"),
            ("mempercepat", "memperpendek waktu"), ("meningkatkan", "menaikkan"), ("menurunkan", "mengurangi"),
            ("petugas", "aparatur"), ("ponsel", "telepon pintar"), ("secara rutin", "secara berkala"), ("rumah", "tempat tinggal"),
            ("membangun", "mengembangkan"), ("menyediakan", "menghadirkan"), ("dasbor", "panel pemantauan"),
            ("terpadu", "terintegrasi"), ("jadwal", "agenda"), ("langsung", "segera"), ("sistem", "layanan elektronik")]

def fill(text):
    return (text.replace("{tempat}", rnd.choice(PLACES)).replace("{n1}", str(rnd.choice([12, 18, 25, 37, 48, 60, 75, 120, 240, 350])))
            .replace("{n2}", str(rnd.choice([5, 10, 14, 20, 30, 45, 80, 90, 95, 150]))).replace("{n3}", str(rnd.choice([90, 120, 150, 180]))))

def reword(text):
    for a, b in rnd.sample(SYNONYMS, k=8):
        text = re.sub(r"\b%s\b" % re.escape(a), b, text)
    sentences = [s for s in re.split(r"(?<=\.)\s+", text) if s]
    if len(sentences) > 2 and rnd.random() < 0.5:
        sentences = [sentences[0]] + sentences[2:] + [sentences[1]]
    return " ".join(sentences)

families = {**concepts_a.FAMILIES, **concepts_b.FAMILIES}
items, pairs, by_concept = [], [], {}
def add(item_id, opd, urusan, title, problem, design, goals, family):
    items.append(dict(id=item_id, family=family, opd=opd, urusan=urusan, title=title, problem=fill(problem), design=fill(design), goals=fill(goals)))
    return item_id

for fam, (urusan, concepts) in families.items():
    for c in concepts:
        A, B = c["A"], c["B"]
        v = [add(c["key"] + "-1", c["opds"][0], urusan, c["titles"][0], A["problem"], A["design"], A["goals"], fam),
             add(c["key"] + "-2", c["opds"][1], urusan, c["titles"][1], B["problem"], B["design"], B["goals"], fam),
             add(c["key"] + "-3", c["opds"][2], urusan, c["titles"][2], reword(B["problem"]), reword(A["design"]), reword(B["goals"]), fam)]
        by_concept[c["key"]] = (fam, v)
        pairs += [dict(a=v[0], b=v[1], label="duplicate", kind="paraphrase"), dict(a=v[0], b=v[2], label="duplicate", kind="paraphrase"),
                  dict(a=v[1], b=v[2], label="duplicate", kind="paraphrase")]

for fam, (urusan, concepts) in families.items():
    keys = [c["key"] for c in concepts]
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            vi, vj = by_concept[keys[i]][1], by_concept[keys[j]][1]
            pairs += [dict(a=vi[0], b=vj[1], label="related", kind="same-topic"), dict(a=vi[1], b=vj[0], label="related", kind="same-topic"),
                      dict(a=vi[2], b=vj[2], label="related", kind="same-topic")]

for t in concepts_b.TWINS:
    urusan = families[t["family"]][0]
    tid = add(t["key"], t["opd"], urusan, t["title"], t["problem"], t["design"], t["goals"], t["family"])
    like = by_concept[t["like"]][1]
    pairs += [dict(a=like[0], b=tid, label="different", kind="near-title"), dict(a=tid, b=like[1], label="different", kind="near-title")]

keys = list(by_concept)
seen = set()
while sum(1 for p in pairs if p["kind"] == "unrelated") < 100:
    k1, k2 = rnd.sample(keys, 2)
    if by_concept[k1][0] == by_concept[k2][0] or (k1, k2) in seen: continue
    seen.add((k1, k2))
    pairs.append(dict(a=rnd.choice(by_concept[k1][1]), b=rnd.choice(by_concept[k2][1]), label="different", kind="unrelated"))

out = os.path.join(os.path.dirname(__file__), "duplicate-pairs.json")
with open(out, "w") as f:
    json.dump(dict(items=items, pairs=pairs), f, ensure_ascii=False, indent=1)
from collections import Counter
print(len(items), "items,", len(pairs), "pairs", Counter(p["label"] for p in pairs), Counter(p["kind"] for p in pairs))
