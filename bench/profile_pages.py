"""Where a page's time goes, in-process: queries, time per request and a profile.

Runs the portal's pages through Django's test client under production settings, against
a database built by ``bench/pages.py --keep`` (or any other), with the page cache off (``--page-cache``: on):

    DATABASE_URL=postgres://…/bench_portal_10000 .venv/bin/python bench/profile_pages.py
    … bench/profile_pages.py --pages "practice page" --profile 30

Prints per page the number of queries, the median time of ``--runs`` requests (CPU time
of this process: the database's own time is not in it), and with ``--profile N`` the
functions that took the most time over N requests. For finding work, not for the
figures in docs/benchmarks.md (those come from bench/pages.py).
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument(
        "--callers", default="", help="also print who calls functions matching this"
    )
    parser.add_argument(
        "--page-cache", action="store_true", help="with the page cache on (hits)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    os.environ.setdefault("SECRET_KEY", "profile-" + "k" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("PORTAL_BASE_URL", "http://testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ["PAGE_CACHE_TIMEOUT"] = "600" if args.page_cache else "0"
    urls = json.loads(
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "pages.py"), "urls"],
            env=os.environ,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    if args.pages:
        urls = {k: v for k, v in urls.items() if k in args.pages.split(",")}
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    for label, url in urls.items():
        client.get(url)  # warm: the data cache, the template loader
        queries = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        times = []
        for _ in range(args.runs):
            started = time.process_time()
            client.get(url)
            times.append((time.process_time() - started) * 1000)
        print(
            f"{label:20} {len(queries):3} queries {statistics.median(times):7.2f} ms "
            f"CPU (median of {args.runs}) {len(response.content):7} bytes"
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.profile):
                client.get(url)
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(args.sort)
            stats.print_stats(args.limit)
            if args.callers:
                stats.print_callers(args.callers)
        if os.environ.get("SHOW_QUERIES"):
            for sql in queries:
                print("   ", sql[:300])


if __name__ == "__main__":
    main()
