"""Digest runs of followed searches: how long `send_search_digests` takes for many
subscriptions, and what asking the engine once per distinct search saves.

    .venv/bin/python bench/search_digests.py                      # temporary SQLite file
    DATABASE_URL=postgres://… .venv/bin/python bench/search_digests.py   # flushed!
    .venv/bin/python bench/search_digests.py --subscriptions 300 --distinct 25 --rounds 3

Builds a throw-away database (migrate, the demo content, the search index; a DATABASE_URL
database is flushed first: never point it at production), adds N confirmed daily
subscriptions, and times `search.subscriptions.send_digests("daily")` in two set-ups in
the same run:

- *shared*: the N subscriptions follow `--distinct` different searches (many people
  follow "witwassen"): the engine is asked once per distinct search per run;
- *all different*: every subscription follows its own search (a different word or filter
  each), the worst case: one engine call per subscription.

Every demo page counts as new (it was published just now), so every subscription whose
search matches anything gets a digest: the mails go through the outbox (test settings:
the immediate task backend delivers them to memory). Reported per set-up: the median
wall time over the rounds, per subscription, the engine calls and the digests sent.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "witwassen",
    "jeugdgroepen",
    "vastgoed",
    "drugs",
    "ondermijning",
    "bibob",
    "ondernemers",
    "zorgfraude",
    "mensenhandel",
    "wijkaanpak",
    "horeca",
    "jongeren",
    "hennep",
    "sluiting",
    "integriteit",
]


def searches(count, themes):
    """``count`` different (q, filters) pairs: words, themes and both."""
    found = []
    for word in WORDS:
        found.append((word, {}))
    for theme in themes:
        found.append(("", {"theme": [theme]}))
    for word in WORDS:
        for theme in themes:
            found.append((word, {"theme": [theme]}))
    year = 2000
    while len(found) < count:  # beyond the combinations: years, matching little
        found.append((WORDS[year % len(WORDS)], {"year": [str(year)]}))
        year += 1
    return found[:count]


def set_up_database():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("rebuild_search_index", verbosity=0)


def run(subscription_count, distinct, rounds):
    import datetime
    from unittest import mock

    from django.core import mail
    from django.utils import timezone

    from home.models import Theme
    from search import subscriptions
    from search.engines import get_engine
    from search.models import SearchSubscription, SearchSubscriptionItem

    themes = list(Theme.objects.values_list("slug", flat=True))
    chosen = searches(distinct, themes)
    SearchSubscription.objects.all().delete()
    SearchSubscription.objects.bulk_create(
        [
            SearchSubscription(
                email=f"lezer{number}@bench.example",
                query=chosen[number % len(chosen)][0],
                filters=chosen[number % len(chosen)][1],
                query_key=subscriptions.query_key(*chosen[number % len(chosen)]),
                frequency="daily",
                token_salt=f"zout{number}",
            )
            for number in range(subscription_count)
        ]
    )
    engine = get_engine()
    real_search = engine.search
    timings, calls, sent = [], [], []
    for _round in range(rounds):
        before = timezone.now() - datetime.timedelta(days=2)
        SearchSubscriptionItem.objects.all().delete()
        SearchSubscription.objects.update(confirmed_at=before, checked_until=before)
        mail.outbox = []
        counter = {"calls": 0}

        def counted(query, counter=counter):
            counter["calls"] += 1
            return real_search(query)

        with mock.patch.object(engine, "search", side_effect=counted):
            started = time.perf_counter()
            outcome = subscriptions.send_digests(
                "daily", now=timezone.now() + datetime.timedelta(minutes=1)
            )
            timings.append(time.perf_counter() - started)
        calls.append(counter["calls"])
        sent.append(outcome.sent)
    return {
        "median": statistics.median(timings),
        "calls": calls[-1],
        "sent": sent[-1],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=300)
    parser.add_argument("--distinct", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-digests-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    set_up_database()
    rows = []
    # The outbox as in production; the immediate task backend delivers to memory.
    with override_settings(
        EMAIL_BACKEND="home.outbox.OutboxEmailBackend",
        OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        for label, distinct in (
            ("shared", args.distinct),
            ("all different", args.subscriptions),
        ):
            result = run(args.subscriptions, distinct, args.rounds)
            rows.append((label, distinct, result))
    print(
        f"{connection.vendor}, engine {settings.SEARCH_ENGINE}, "
        f"{args.subscriptions} subscriptions, {args.rounds} rounds"
    )
    print(
        "| set-up | distinct searches | engine calls | digests sent | median s | ms per subscription |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, distinct, result in rows:
        print(
            f"| {label} | {distinct} | {result['calls']} | {result['sent']} | "
            f"{result['median']:.2f} | "
            f"{1000 * result['median'] / args.subscriptions:.1f} |"
        )
    shared, different = rows[0][2]["median"], rows[1][2]["median"]
    print(f"ratio all different / shared: {different / shared:.2f}")


if __name__ == "__main__":
    main()
