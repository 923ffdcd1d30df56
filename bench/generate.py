#!/usr/bin/env python3
"""A synthetic register for benchmarks: the five CSV files of data/, bigger.

    bench/generate.py OUT_DIR                # --scale 10: 3,000 sites, 30,000 sources,
                                             # 90,000 findings, 9,000 testimonies, 3,000 news
    bench/generate.py --scale 1 OUT_DIR      # a tenth of that

Writes facilities.csv, sources.csv, findings.csv, testimonies.csv and news.csv
into OUT_DIR (created if missing, never data/), with the very headers of
data/*.csv, values that `inferno import` accepts (taxonomy codes of
crates/domain/src/taxonomy.rs, ids of crates/domain/src/id.rs, the rules of
crates/domain/src/import/rows.rs) and text lengths drawn around those of the
bundled sample, in English and Ukrainian.

Every record is marked as made up: ids start with `synthetic-`, every name,
title and text contains SYNTHETIC, every address is under https://example.org/.

The output depends only on --scale and --seed: the same arguments give the same
bytes (Python's random module with a fixed seed; no set or hash ordering).
Python 3 standard library only.
"""

import argparse
import csv
import os
import random
import sys

# Rows per unit of --scale.
PER_SCALE = {"sites": 300, "sources": 3000, "findings": 9000, "testimonies": 900, "news": 300}
# crates/domain/src/import/rows.rs: MAX_ROWS.
MAX_ROWS = 100_000

HEADERS = {
    "facilities.csv": [
        "id", "name_en", "name_uk", "facility_type", "settlement", "region", "country", "occupied_territory",
        "lat", "lon", "coord_precision", "operator", "reported_from", "reported_to", "abuse_types",
        "source_urls", "notes", "settlement_uk", "region_uk", "notes_uk",
    ],
    "sources.csv": [
        "id", "kind", "title", "publisher", "published_on", "url", "language", "reliability", "credibility",
        "independence_group", "notes", "notes_uk",
    ],
    "findings.csv": ["source_id", "site_id", "abuse_types", "period_from", "period_to", "note", "note_uk"],
    "testimonies.csv": ["id", "source_id", "witness_role", "summary_en", "abuse_types", "stays", "summary_uk"],
    "news.csv": [
        "id", "date", "title_en", "summary_en", "source_name", "source_url", "facility_ids", "title_uk",
        "summary_uk",
    ],
}
# Line ends as in data/: sources.csv has LF, the others CRLF.
LINE_END = {"sources.csv": "\n"}

# The vocabularies (crates/domain/src/taxonomy.rs), weighted as in the sample.
SITE_TYPES = [("pretrial_detention", 15), ("penal_colony", 9), ("improvised_site", 2), ("temporary_detention", 1),
              ("filtration_camp", 1), ("military_unit", 1), ("unknown", 1)]
ABUSE_TYPES = ["beating", "electric_shock", "stress_position", "starvation", "denial_of_medical_care",
               "sexual_violence", "mock_execution", "psychological_abuse", "forced_labour", "incommunicado",
               "death_in_custody", "dog_attacks", "cold_exposure", "forced_propaganda"]
SOURCE_KINDS = [("media", 44), ("human_rights_report", 10), ("investigative_journalism", 9), ("open_database", 4),
                ("other", 3), ("testimony", 3), ("official_document", 1)]
LANGUAGES = [("en", 59), ("uk", 8), ("ru", 3), ("de", 2), ("pl", 1), ("fr", 1)]
GRADES = [("B", "2", 34), ("C", "2", 21), ("B", "3", 7), ("C", "3", 4), ("F", "3", 3), ("F", "2", 2),
          ("A", "1", 1), ("B", "6", 1), ("F", "6", 1), ("D", "4", 1), ("E", "5", 1)]
WITNESS_ROLES = [("former_prisoner", 8), ("relative", 2), ("fellow_detainee", 1), ("other", 1)]
OPERATORS = [("FSIN", 15), ("unknown", 3), ("occupation authorities", 3), ("FSB", 3),
             ("occupation authorities (DPR)", 2), ("MoD", 2), ("FSIN; FSB", 1)]
PRECISIONS = [("settlement", 8), ("exact", 1), ("region", 1)]

# Site kinds in both languages, for names.
TYPE_NAMES = {
    "pretrial_detention": ("Pre-trial detention centre No. {n} (SIZO-{n})", "Слідчий ізолятор № {n} (СІЗО-{n})"),
    "penal_colony": ("Correctional Colony No. {n} (IK-{n})", "Виправна колонія № {n} (ВК-{n})"),
    "improvised_site": ("Improvised detention site at the works No. {n}", "Імпровізоване місце утримання на заводі № {n}"),
    "temporary_detention": ("Temporary detention facility No. {n}", "Ізолятор тимчасового тримання № {n}"),
    "filtration_camp": ("Filtration camp No. {n}", "Фільтраційний табір № {n}"),
    "military_unit": ("Military unit No. {n}", "Військова частина № {n}"),
    "unknown": ("Place of detention No. {n}", "Місце утримання № {n}"),
}

# Syllables with their Ukrainian spelling: made-up place names in both scripts.
SYLLABLES = [("ka", "ка"), ("ro", "ро"), ("vo", "во"), ("lin", "лін"), ("da", "да"), ("mir", "мір"), ("ze", "зе"),
             ("tor", "тор"), ("bu", "бу"), ("ny", "ни"), ("gor", "гор"), ("sla", "сла"), ("ve", "ве"), ("pol", "пол"),
             ("stan", "стан"), ("ri", "рі"), ("chy", "чи"), ("lo", "ло"), ("sha", "ша"), ("yar", "яр")]
ENDINGS = [("sk", "ськ"), ("ovo", "ово"), ("ino", "іно"), ("ivka", "івка"), ("grad", "град"), ("ets", "ець")]

WORDS_EN = (
    "SYNTHETIC detainees reported beatings guards transfer colony cell prisoners were held months without "
    "contact lawyers families medical care hunger interrogation shocks forced confessions arrival search "
    "kept lined corridor night inspection weeks exchange former prisoner said describes account according "
    "report returned released camp barrack basement cold water food ration visits denied officers recorded "
    "documents lists names several dozen later moved another site region border investigators testimony "
    "witnesses described repeated threats anthem songs punishment yard labour injuries untreated deaths "
    "custody isolation windows sealed bus trucks blindfolded hands tied arrival ritual corridor dogs"
).split()
WORDS_UK = (
    "SYNTHETIC утримуваних повідомили побиття охоронці переведення колонія камера полонених утримували місяці "
    "без зв’язку адвокатів родини медичної допомоги голод допити струм примусові зізнання прибуття обшук "
    "тримали вишикуваними коридор ночі перевірка тижні обмін колишній полонений розповів описує свідчення "
    "за даними звіт повернувся звільнений табір барак підвал холодна вода їжа пайок відвідування заборонені "
    "офіцери записували документи списки імена кілька десятків пізніше перевели інше місце область кордон "
    "слідчі свідки описали повторні погрози гімн пісні покарання подвір’я праця травми нелікувані смерті "
    "ізоляція вікна заварені автобус вантажівки зав’язані очі руки зв’язані ритуал собаки"
).split()

# Text lengths in characters of the sample (data/*.csv): (min, median, max).
LENGTHS = {
    "site_notes_en": (124, 182, 273), "site_notes_uk": (136, 227, 354),
    "source_title": (30, 89, 191), "source_notes_en": (72, 121, 172), "source_notes_uk": (75, 135, 193),
    "finding_note_en": (37, 114, 192), "finding_note_uk": (39, 125, 240),
    "testimony_en": (325, 406, 514), "testimony_uk": (370, 448, 630),
    "news_title_en": (56, 65, 78), "news_title_uk": (65, 89, 133),
    "news_summary_en": (136, 158, 190), "news_summary_uk": (147, 196, 247),
}


def weighted(rng, pairs):
    """One value of (value, weight) pairs; the weight is the last element."""
    return rng.choices([p[:-1] if len(p) > 2 else p[0] for p in pairs], [p[-1] for p in pairs])[0]


class Text:
    """Sentences of made-up words, of a length drawn around the sample's."""

    def __init__(self, rng):
        self.rng = rng

    def length(self, field):
        lo, mid, hi = LENGTHS[field]
        return round(self.rng.triangular(lo, hi, mid))

    def words(self, pool, n):
        return " ".join(self.rng.choice(pool) for _ in range(n))

    def make(self, field, lead):
        """`lead`, then sentences, cut at a word to the drawn length, ending with a full stop."""
        pool = WORDS_UK if field.endswith("_uk") else WORDS_EN
        target = self.length(field)
        out = lead
        while len(out) < target:
            sentence = self.words(pool, self.rng.randint(6, 16))
            out += " " + sentence[0].upper() + sentence[1:] + "."
        if len(out) > target:
            cut = out.rfind(" ", 0, target)
            out = out[:cut if cut > len(lead) else target].rstrip(" .,") + "."
        return out


def month(rng, lo=2014, hi=2025):
    return f"{rng.randint(lo, hi)}-{rng.randint(1, 12):02d}"


def period(rng, p_from, p_to):
    """An optional from..to pair of months, to never before from."""
    a = month(rng, 2014, 2025) if rng.random() < p_from else ""
    b = month(rng, 2014, 2025) if rng.random() < p_to else ""
    if a and b and b < a:
        a, b = b, a
    return a, b


def abuse_list(rng, p_empty, most):
    if rng.random() < p_empty:
        return []
    return sorted(rng.sample(range(len(ABUSE_TYPES)), rng.randint(1, most)))


def place_name(rng):
    parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))] + [rng.choice(ENDINGS)]
    en = "".join(p[0] for p in parts)
    uk = "".join(p[1] for p in parts)
    return en[0].upper() + en[1:], uk[0].upper() + uk[1:]


def coordinates(rng, country):
    if country == "UA":  # occupied Crimea and the east
        return rng.uniform(45.3, 48.3), rng.uniform(33.0, 39.5)
    if country == "BY":
        return rng.uniform(52.0, 55.0), rng.uniform(25.0, 31.0)
    if rng.random() < 0.9:  # western Russia, on the base map
        return rng.uniform(45.0, 57.0), rng.uniform(36.0, 47.9)
    return rng.uniform(50.0, 60.0), rng.uniform(48.5, 60.0)  # beyond it (Siberia, the Urals)


def generate(scale, seed, findings_scale=None):
    rng = random.Random(seed)
    text = Text(rng)
    n = {k: v * scale for k, v in PER_SCALE.items()}
    if findings_scale is not None:
        n["findings"] = PER_SCALE["findings"] * findings_scale

    # Regions: a pool shared by the sites, as real oblasts are.
    regions = []
    for i in range(max(10, n["sites"] // 40)):
        en, uk = place_name(rng)
        regions.append((f"SYNTHETIC {en} Oblast", f"SYNTHETIC {uk} область"))

    # Sites, and how often each is named by a source: a Zipf law over a shuffled
    # order, so that a few sites gather hundreds of findings and most a handful.
    sites = []
    for i in range(1, n["sites"] + 1):
        country = weighted(rng, [("RU", 19), ("UA", 9), ("BY", 1)])
        site_type = weighted(rng, SITE_TYPES)
        settlement_en, settlement_uk = place_name(rng)
        region_en, region_uk = rng.choice(regions)
        lat, lon = coordinates(rng, country)
        number = rng.randint(1, 30)
        name_en, name_uk = (t.format(n=number) for t in TYPE_NAMES[site_type])
        reported_from, reported_to = period(rng, 0.72, 0.52)
        sites.append({
            "id": f"synthetic-site-{i:05d}",
            "name_en": f"SYNTHETIC {name_en}, {settlement_en}",
            "name_uk": f"SYNTHETIC {name_uk}, {settlement_uk}",
            "facility_type": site_type,
            "settlement": settlement_en,
            "region": region_en,
            "country": country,
            "occupied_territory": "true" if country == "UA" else "false",
            "lat": f"{lat:.3f}",
            "lon": f"{lon:.3f}",
            "coord_precision": weighted(rng, PRECISIONS),
            "operator": weighted(rng, OPERATORS),
            "reported_from": reported_from,
            "reported_to": reported_to,
            "abuse_types": "",  # the union of its findings, below
            "source_urls": ";".join(
                f"https://example.org/synthetic/sites/{i:05d}/ref-{k}" for k in range(1, 1 + min(18, int(rng.paretovariate(1.2))))
            ),
            "notes": text.make("site_notes_en", "SYNTHETIC test record, not a real place."),
            "settlement_uk": settlement_uk,
            "region_uk": region_uk,
            "notes_uk": text.make("site_notes_uk", "SYNTHETIC: тестовий запис, не справжнє місце."),
        })
    order = list(range(len(sites)))
    rng.shuffle(order)
    weights = [0.0] * len(sites)
    for rank, i in enumerate(order):
        weights[i] = 1.0 / (rank + 1) ** 0.6
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def pick_site():
        return rng.choices(range(len(sites)), cum_weights=cumulative)[0]

    publishers = [f"SYNTHETIC Publisher {i}" for i in range(1, max(20, n["sources"] // 75) + 1)]
    sources = []
    for i in range(1, n["sources"] + 1):
        reliability, credibility = weighted(rng, GRADES)
        r = rng.random()
        if r < 0.36:
            published_on = ""
        elif r < 0.71:
            y, m = rng.randint(2014, 2025), rng.randint(1, 12)
            published_on = f"{y}-{m:02d}-{rng.randint(1, 28):02d}"
        elif r < 0.87:
            published_on = str(rng.randint(2014, 2025))
        else:
            published_on = month(rng)
        # Most sources are independent of each other; some share a group.
        group = i if i == 1 or rng.random() < 0.85 else rng.randint(1, i - 1)
        sources.append({
            "id": f"synthetic-src-{i:06d}",
            "kind": weighted(rng, SOURCE_KINDS),
            "title": text.make("source_title", f"SYNTHETIC source {i}:"),
            "publisher": rng.choice(publishers),
            "published_on": published_on,
            "url": f"https://example.org/synthetic/sources/{i:06d}",
            "language": weighted(rng, LANGUAGES),
            "reliability": reliability,
            "credibility": credibility,
            "independence_group": f"synthetic-group-{group:06d}",
            "notes": text.make("source_notes_en", "SYNTHETIC test source."),
            "notes_uk": text.make("source_notes_uk", "SYNTHETIC: тестове джерело."),
        })

    # Findings: every source names at least one site, the rest are spread over
    # random sources; a (source, site) pair appears once.
    pairs = {}  # (source index, site index) -> None, in insertion order
    owners = list(range(len(sources))) + [rng.randrange(len(sources)) for _ in range(n["findings"] - len(sources))]
    for s in owners:
        while True:
            key = (s, pick_site())
            if key not in pairs:
                pairs[key] = None
                break
    site_abuses = [[False] * len(ABUSE_TYPES) for _ in sites]
    findings = []
    for s, t in sorted(pairs):
        abuses = abuse_list(rng, 0.54, 7)
        for a in abuses:
            site_abuses[t][a] = True
        period_from, period_to = period(rng, 0.45, 0.33)
        findings.append({
            "source_id": sources[s]["id"],
            "site_id": sites[t]["id"],
            "abuse_types": ";".join(ABUSE_TYPES[a] for a in abuses),
            "period_from": period_from,
            "period_to": period_to,
            "note": text.make("finding_note_en", "SYNTHETIC finding."),
            "note_uk": text.make("finding_note_uk", "SYNTHETIC: тестова знахідка."),
        })
    for site, flags in zip(sites, site_abuses):
        site["abuse_types"] = ";".join(a for a, on in zip(ABUSE_TYPES, flags) if on)

    testimonies = []
    for i in range(1, n["testimonies"] + 1):
        stays, seen = [], []
        start = rng.randint(2014 * 12, 2024 * 12)
        for _ in range(rng.choices([1, 2, 3, 4], [2, 5, 4, 1])[0]):
            t = pick_site()
            if t in seen:
                continue
            seen.append(t)
            length = rng.randint(0, 24)
            a = f"{start // 12}-{start % 12 + 1:02d}" if rng.random() < 0.6 else ""
            b = f"{(start + length) // 12}-{(start + length) % 12 + 1:02d}" if rng.random() < 0.4 else ""
            start += length
            stays.append(f"{sites[t]['id']}@{a}..{b}")
        testimonies.append({
            "id": f"synthetic-t-{i:05d}",
            "source_id": sources[rng.randrange(len(sources))]["id"],
            "witness_role": weighted(rng, WITNESS_ROLES),
            "summary_en": text.make("testimony_en", "SYNTHETIC testimony, not a real account."),
            "abuse_types": ";".join(ABUSE_TYPES[a] for a in abuse_list(rng, 0.33, 5)),
            "stays": "|".join(stays),
            "summary_uk": text.make("testimony_uk", "SYNTHETIC: тестове свідчення, не справжня розповідь."),
        })

    news = []
    days = sorted(rng.randrange(4 * 365) for _ in range(n["news"]))
    for i, day in enumerate(days, 1):
        y = 2022 + min(3, day // 365)
        doy = day - (y - 2022) * 365
        m = min(12, doy // 30 + 1)
        d = min(28, doy - (m - 1) * 30 + 1)
        facility_ids = []
        for _ in range(rng.choices([0, 1, 2, 3], [5, 6, 3, 1])[0]):
            sid = sites[pick_site()]["id"]
            if sid not in facility_ids:
                facility_ids.append(sid)
        news.append({
            "id": f"synthetic-news-{i:05d}",
            "date": f"{y}-{m:02d}-{d:02d}",
            "title_en": text.make("news_title_en", f"SYNTHETIC news {i}:"),
            "summary_en": text.make("news_summary_en", "SYNTHETIC news item."),
            "source_name": rng.choice(publishers),
            "source_url": f"https://example.org/synthetic/news/{i:05d}",
            "facility_ids": ";".join(facility_ids),
            "title_uk": text.make("news_title_uk", f"SYNTHETIC новина {i}:"),
            "summary_uk": text.make("news_summary_uk", "SYNTHETIC: тестова новина."),
        })

    return {"facilities.csv": sites, "sources.csv": sources, "findings.csv": findings,
            "testimonies.csv": testimonies, "news.csv": news}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the five CSV files into (not data/)")
    parser.add_argument("--scale", type=int, default=10, help="size as a multiple of 300 sites (default 10)")
    parser.add_argument("--seed", type=int, default=20261201, help="random seed (default 20261201)")
    parser.add_argument("--findings-scale", type=int, default=None,
                        help="findings as a multiple of 9,000, when not --scale (the search benchmark's large corpus)")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    sizes = {k: v * args.scale for k, v in PER_SCALE.items()}
    if args.findings_scale is not None:
        sizes["findings"] = PER_SCALE["findings"] * args.findings_scale
    biggest = max(sizes.values())
    if biggest > MAX_ROWS:
        parser.error(f"--scale {args.scale} makes files of {biggest} rows; inferno import takes at most {MAX_ROWS}")
    repo_data = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
    out = os.path.realpath(args.out_dir)
    if out == repo_data or out.startswith(repo_data + os.sep):
        parser.error(f"refusing to write into {repo_data}: that is the bundled sample")

    tables = generate(args.scale, args.seed, args.findings_scale)
    os.makedirs(out, exist_ok=True)
    for name, rows in tables.items():
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=HEADERS[name], lineterminator=LINE_END.get(name, "\r\n"))
            writer.writeheader()
            writer.writerows(rows)
        print(f"{path}: {len(rows)} rows, {os.path.getsize(path)} bytes", file=sys.stderr)
    per_site = {}
    for f in tables["findings.csv"]:
        per_site[f["site_id"]] = per_site.get(f["site_id"], 0) + 1
    counts = sorted(per_site.values())
    top = max(per_site, key=lambda k: (per_site[k], k))
    print(f"findings per site: median {counts[len(counts) // 2]}, most {per_site[top]} ({top}); "
          f"sites without findings: {len(tables['facilities.csv']) - len(per_site)}", file=sys.stderr)


if __name__ == "__main__":
    main()
