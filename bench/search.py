"""Benchmark of the database search engine at 10,000 and 100,000 practices.

    .venv/bin/python bench/search.py                     # SQLite (temporary file)
    DATABASE_URL=postgres://... .venv/bin/python bench/search.py   # PostgreSQL
    .venv/bin/python bench/search.py --sizes 10000 --runs 30 --write docs/benchmarks.md
    .venv/bin/python bench/search.py --sizes 100000 --keep --types common,faceted

Each query type is timed cold (the engine's cache of totals and facet counts off) and
warm (on, every query asked before), with the median CPU time of this process per cold
search (on SQLite that includes the database's work, on PostgreSQL it does not) and
the load average before and after. --keep reuses a corpus of the same size (the
PostgreSQL database, or the SQLite file given with --sqlite-path).

Generates synthetic Dutch practices straight into the search app's own tables
(SearchDocument and SearchFacet, through the engine's bulk path, so the same
normalisation runs): the engine reads only those tables, so no Wagtail pages are needed.
Then it times ``engine.search()`` -- the search page's work: text match, count, facet
counts, the page of hits and their highlighted snippets -- for rare, common, ubiquitous,
multi-word, faceted, empty and natural-question queries, a faceted query asked for
the first time (Django's cache emptied before each search), a search right after an
index write (one document replaced, as publishing does) and a process's first search
(the engine's in-memory sets dropped and read again by the worker warm-up, which is
timed apart), and reports median and 95th percentile.

The database is a throw-away one: a temporary SQLite file, or the PostgreSQL database in
DATABASE_URL, whose search tables are emptied first (never point it at production).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMON_WORDS = [
    "aanpak",
    "wijk",
    "samenwerking",
    "politie",
    "partners",
    "bewoners",
    "signalen",
    "jongeren",
    "ondernemers",
    "panden",
    "controle",
    "handhaving",
    "zorg",
    "preventie",
    "integraal",
    "informatie",
    "netwerk",
    "toezicht",
    "veiligheid",
    "overlast",
    "geld",
    "woning",
    "school",
    "buurt",
    "project",
    "team",
    "resultaten",
    "lessen",
    "ervaring",
    "gezin",
    "begeleiding",
    "werk",
    "perspectief",
    "straat",
]
FILLER = [
    "ook",
    "daarnaast",
    "verder",
    "bovendien",
    "eerst",
    "vervolgens",
    "samen",
    "snel",
    "goed",
    "nieuw",
    "groot",
    "klein",
    "belangrijk",
    "lokaal",
    "regionaal",
    "landelijk",
    "structureel",
    "tijdelijk",
    "gericht",
    "breed",
]
RARE_WORDS = [
    "nagelstudio",
    "autohandel",
    "drugslab",
    "hennepkwekerij",
    "vakantiepark",
    "recreatiepark",
    "sportkantine",
    "shishalounge",
    "belwinkel",
    "flitsbezorger",
    "geldezel",
    "loverboy",
    "trustkantoor",
    "carwash",
    "koerierdienst",
    "kringloopwinkel",
]
THEMES = [f"thema-{i}" for i in range(10)]
INTERVENTIONS = [f"interventie-{i}" for i in range(7)]
PARTNERS = [f"partner-{i}" for i in range(15)]
TRACKS = ["groep", "persoon-en-gezin", "domein-en-gebied"]
EVIDENCE = ["praktijkervaring", "goed-beschreven", "goed-onderbouwd", "erkend"]
MUNICIPALITIES = [f"gemeente-{i}" for i in range(342)]
TAGS = [f"trefwoord{i}" for i in range(200)]


def setup_django(database_url, sqlite_path=None):
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = sqlite_path or str(
            Path(tempfile.mkdtemp()) / "bench.sqlite3"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sentence(rng, words):
    return " ".join(rng.choice(words) for _ in range(words and rng.randint(8, 14)))


def generate(rng, number):
    """One synthetic practice document (engine-neutral dict, see search.sources)."""
    import datetime

    body_words = []
    for _ in range(rng.randint(80, 160)):
        roll = rng.random()
        if roll < 0.55:
            body_words.append(rng.choice(COMMON_WORDS))
        elif roll < 0.995:
            body_words.append(rng.choice(FILLER))
        else:
            body_words.append(rng.choice(RARE_WORDS))
    if rng.random() < 0.95:
        body_words.insert(rng.randint(0, len(body_words)), "gemeente")
    if rng.random() < 0.05:
        body_words.extend(["criminele", "jeugdgroepen"])
    body = " ".join(body_words)
    title_words = [rng.choice(COMMON_WORDS) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.02:
        title_words.append(rng.choice(RARE_WORDS))
    year = rng.randint(2015, 2025)
    municipality = rng.choice(MUNICIPALITIES)
    return {
        "page_id": None,
        "kind": "practice",
        "title": " ".join(title_words).capitalize() + f" {number}",
        "url": f"/praktijken/bench/{number}/",
        "date": datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        "snippet_source": body[:3000],
        "body": body,
        "municipality": municipality,
        "themes": [],
        "facets": {
            "type": [("practice", "Praktijk")],
            "theme": [(t, t) for t in rng.sample(THEMES, rng.randint(1, 2))],
            "tag": [(t, t) for t in rng.sample(TAGS, rng.randint(0, 2))],
            "municipality": [(municipality, municipality)],
            "riec": [(f"riec-{hash(municipality) % 10}", "RIEC")],
            "intervention": [
                (i, i) for i in rng.sample(INTERVENTIONS, rng.randint(1, 3))
            ],
            "partner": [(p, p) for p in rng.sample(PARTNERS, rng.randint(2, 4))],
            "track": [(t, t) for t in rng.sample(TRACKS, rng.randint(1, 2))],
            "evidence": [(e := rng.choice(EVIDENCE), e)],
            "year": [(str(year), str(year))],
        },
    }


def fill(engine, size, batch_size=2000, seed=1):
    from search.models import SearchDocument

    rng = random.Random(seed)
    started = time.perf_counter()
    engine.rebuild((generate(rng, n) for n in range(size)), batch_size=batch_size)
    if engine_vendor() == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            # VACUUM sets the visibility map (index-only scans) and ANALYZE the
            # statistics the planner needs for the new data.
            cursor.execute("VACUUM ANALYZE search_searchdocument")
            cursor.execute("VACUUM ANALYZE search_searchfacet")
    assert SearchDocument.objects.count() == size
    return time.perf_counter() - started


def engine_vendor():
    from django.db import connection

    return connection.vendor


def query_sets():
    from search.engines import SearchQuery

    return {
        "rare": [SearchQuery(q=word) for word in RARE_WORDS],
        "common": [SearchQuery(q=word) for word in COMMON_WORDS[:15]],
        "ubiquitous": [SearchQuery(q="gemeente"), SearchQuery(q="gemeenten")],
        "multi-word": [
            SearchQuery(q="criminele jeugdgroepen aanpak"),
            SearchQuery(q="samenwerking politie wijk"),
            SearchQuery(q="zorg gezin begeleiding"),
            SearchQuery(q="nagelstudio controle"),
        ],
        "faceted": [
            SearchQuery(
                q="aanpak", filters={"theme": ("thema-1", "thema-2"), "year": ("2024",)}
            ),
            SearchQuery(filters={"municipality": ("gemeente-7",), "track": ("groep",)}),
            SearchQuery(
                q="politie",
                filters={"partner": ("partner-3",), "evidence": ("erkend",)},
            ),
        ],
        "empty (list all)": [SearchQuery(), SearchQuery(sort="newest", page=5)],
        "natural question": [
            SearchQuery(q="hoe pakken gemeenten overlast in de wijk aan"),
            SearchQuery(q="wat doet de politie tegen criminele jeugdgroepen"),
            SearchQuery(q="samenwerking met ondernemers tegen witwassen"),
            SearchQuery(q="preventie voor jongeren op school"),
        ],
        "faceted, first time": [
            SearchQuery(
                q="toezicht", filters={"theme": ("thema-3",), "year": ("2019",)}
            ),
            SearchQuery(q="signalen", filters={"partner": ("partner-5",)}),
            SearchQuery(
                filters={"evidence": ("erkend",), "track": ("persoon-en-gezin",)}
            ),
        ],
        "after an index write": [
            SearchQuery(q="handhaving"),
            SearchQuery(q="overlast", filters={"theme": ("thema-4",)}),
        ],
        "first of a process": [
            SearchQuery(q="toezicht", filters={"year": ("2021",)}),
        ],
    }


# What happens before each timed search of these query types (not timed):
# - "faceted, first time": every entry of Django's cache is dropped (base counts per
#   filter set, index statistics, documents per word, facet value numbers);
# - "after an index write": one document is replaced, as publishing a page does (a
#   new generation; the engine updates its in-memory sets of documents);
# - "first of a process": the in-memory sets are dropped too, as in a new worker
#   process, and read again by the warm-up a web worker runs before it serves
#   requests (search.database.warm_up, timed apart: "worker warm-up"); the timed
#   search is the worker's first.
FIRST_TIME = {"faceted, first time", "first of a process"}
AFTER_WRITE = {"after an index write"}
PROCESS_START = {"first of a process"}


def replace_one_document(engine, rng, number):
    """Publishing a page: its document is deleted and written again (new id)."""
    from django.db import transaction

    from search.models import SearchDocument, SearchIndexState

    with transaction.atomic():
        oldest = SearchDocument.objects.order_by("id").values_list("id", flat=True)[0]
        SearchDocument.objects.filter(pk=oldest).delete()
        engine._create([generate(rng, number)])
        SearchIndexState.bump()


def measure(engine, queries, runs, name=""):
    from django.core.cache import cache

    from search import bitmaps
    from search.database import warm_up

    rng = random.Random(runs)
    timings, cpu, totals = [], [], []
    warm_ups = []
    for run in range(runs):
        query = queries[run % len(queries)]
        if name in AFTER_WRITE:
            replace_one_document(engine, rng, 10_000_000 + run)
        if name in FIRST_TIME:
            cache.clear()
        if name in PROCESS_START:
            bitmaps.forget()
            started = time.perf_counter()
            warm_up()
            warm_ups.append(time.perf_counter() - started)
        started, started_cpu = time.perf_counter(), time.process_time()
        results = engine.search(query)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        totals.append(results.total)
    if warm_ups:
        print(
            f"worker warm-up: median {statistics.median(warm_ups):.2f} s, "
            f"max {max(warm_ups):.2f} s",
            flush=True,
        )
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return (
        statistics.median(timings),
        p95,
        statistics.median(cpu),
        statistics.median(totals),
    )


def load_average():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--runs", type=int, default=40, help="timed searches per query type"
    )
    parser.add_argument("--write", help="append a Markdown table to this file")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the generated corpus when the index already holds that many "
        "documents (PostgreSQL, or --sqlite-path)",
    )
    parser.add_argument(
        "--sqlite-path", help="SQLite file to use instead of a temp one"
    )
    parser.add_argument(
        "--types", help="comma-separated query types to time (default: all)"
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also time every query type cold with the SQL counts of the previous "
        "version (use_bitmaps=False), right after the same type, in the same run",
    )
    args = parser.parse_args()
    setup_django(os.environ.get("DATABASE_URL", ""), args.sqlite_path)

    from django.db import connection

    from search.engines import get_engine

    engine = get_engine("database")
    vendor = connection.vendor
    version = connection.cursor().connection.__class__.__module__
    if vendor == "sqlite":
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    lines = [
        f"### {version} ({os.cpu_count()} CPUs)",
        "",
        "| practices | query type | cold median ms | cold p95 ms | cold CPU ms "
        "| warm median ms | warm p95 ms | matches (median) | load average |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    compared = [
        "",
        "| practices | query type | SQL counts: cold median ms | cold p95 ms "
        "| cold CPU ms | sets: cold p95 ms | load average |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    from search.models import SearchDocument

    types = args.types.split(",") if args.types else None
    for size in [int(s) for s in args.sizes.split(",")]:
        if args.keep and SearchDocument.objects.count() == size:
            print(f"{version}: reusing the {size} generated practices", flush=True)
        else:
            seconds = fill(engine, size)
            print(
                f"{version}: generated and indexed {size} practices in {seconds:.0f} s",
                flush=True,
            )
        for name, queries in query_sets().items():
            if types and name not in types:
                continue
            # Cold: the cache of totals and facet counts is off (the base counts per
            # index generation stay, as after the first search following a write).
            engine.use_cache = False
            for query in queries:  # warm the database's own caches once
                engine.search(query)
            before = load_average()
            runs = min(args.runs, 10) if name in PROCESS_START else args.runs
            median, p95, cpu, total = measure(engine, queries, runs, name)
            # Warm: the same searches again with the cache on (a repeated query).
            engine.use_cache = True
            for query in queries:
                engine.search(query)
            warm_median, warm_p95, _cpu, _total = measure(engine, queries, args.runs)
            line = (
                f"| {size:,} | {name} | {median:.1f} | {p95:.1f} | {cpu:.1f} "
                f"| {warm_median:.1f} | {warm_p95:.1f} | {total:,.0f} "
                f"| {before} → {load_average()} |"
            )
            print(line, flush=True)
            lines.append(line)
            if args.compare and name not in PROCESS_START:
                engine.use_cache, engine.use_bitmaps = False, False
                for query in queries:
                    engine.search(query)
                before = load_average()
                ref_median, ref_p95, ref_cpu, _total = measure(
                    engine, queries, args.runs, name
                )
                engine.use_bitmaps = True
                line = (
                    f"| {size:,} | {name} | {ref_median:.1f} | {ref_p95:.1f} "
                    f"| {ref_cpu:.1f} | {p95:.1f} | {before} → {load_average()} |"
                )
                print("SQL counts:", line, flush=True)
                compared.append(line)
    if args.compare:
        lines += compared
    lines.append("")
    if args.write:
        with open(args.write, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
