"""Registration burst: N simultaneous registration POSTs at a small session, over HTTP,
against the real portal under gunicorn on PostgreSQL.

    url=$(bin/pg-test-cluster start /tmp/pg-bench)
    DATABASE_URL=$url .venv/bin/python bench/registration.py            # 200 POSTs, 5 seats
    DATABASE_URL=$url .venv/bin/python bench/registration.py --requests 200 --capacity 5 \\
        --workers 3 --rounds 3
    DATABASE_URL=$url .venv/bin/python bench/registration.py --profile 40 [--top 40]
    bin/pg-test-cluster stop /tmp/pg-bench

The database in DATABASE_URL is a throw-away one: it is migrated and a session page is
added to it (never point it at production). The portal runs with production settings
(DEBUG off, the outbox and the database task backend, no worker: each registration's
mail stays queued as one compose task, events/tasks.py),
behind a pretend proxy: TRUSTED_PROXY_COUNT=1 and every request comes from its own
X-Forwarded-For address, as 200 different visitors would, so the rate limit (per
client) stays on. Each POST is a complete, valid delegation of one attendee from its own
organisation; all wait at a barrier and are sent at once (one thread and connection
each). Reported: registrations per second (requests / wall time of the burst), p50 and
p95 latency, and from the database: confirmed, waitlisted, lost (a 303 without a row, or
a row count that differs), 5xx answers, and registrations without their compose task
(mail lost).

tests/events/test_http_concurrency.py runs the same burst in the PostgreSQL part of
`make test` and asserts exactly `capacity` confirmed, 0 lost, 0 × 5xx.
"""

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def portal_environment(database_url, port, static_root):
    """Production settings for a local run: no TLS, one pretend proxy."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "PORTAL_BASE_URL": f"http://{HOST}:{port}",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def collect_static(env):
    """Production serves hashed static files from a manifest: collect them on every
    run (only changed files are copied), so that a page using a new file never fails on
    an old manifest."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Portal:
    """gunicorn with `workers` sync workers serving portal.wsgi on 127.0.0.1."""

    def __init__(self, env, port, workers=3):
        self.port = port
        self.log = open(Path(env["STATIC_ROOT"]).parent / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"{HOST}:{port}",
                "--timeout",
                "60",
                "--backlog",
                "512",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, path, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped; see gunicorn.log")
            try:
                status, _, _ = request("GET", self.port, path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def request(method, port, path, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def check_session_page(port, path):
    """The session page answers before the burst (and is warm in every worker)."""
    status, _headers, _body = request("GET", port, path)
    assert status == 200, status


def registration_body(n):
    # No CSRF token: the anonymous registration form is checked by its Origin instead
    # (home/views.py), so that session pages stay cacheable.
    return urlencode(
        {
            "organisation_type": "overig",
            "other_organisation": f"Organisatie {n}",
            "contact_name": f"Contact {n}",
            "contact_email": f"contact{n}@burst.example",
            "consent": "on",
            "website": "",
            "actie": "aanmelden",
            "deelnemers-TOTAL_FORMS": "1",
            "deelnemers-INITIAL_FORMS": "0",
            "deelnemers-0-name": f"Deelnemer {n}",
            "deelnemers-0-email": f"deelnemer{n}@burst.example",
        }
    )


def burst(port, path, requests=200, timeout=60, first=0):
    """Fires `requests` registration POSTs at once; returns (statuses, latencies, wall).
    Visitor `first + n` sends POST n (its own addresses and organisation)."""
    check_session_page(port, path)
    bodies = [registration_body(first + n) for n in range(requests)]
    barrier = threading.Barrier(requests + 1)
    statuses = [None] * requests
    latencies = [None] * requests

    def post(n):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://{HOST}:{port}",
            # Every visitor has their own address behind the (pretend) proxy.
            "X-Forwarded-For": f"198.18.{(first + n) // 250}.{(first + n) % 250 + 1}",
        }
        barrier.wait()
        started = time.perf_counter()
        try:
            status, _, _ = request("POST", port, path, bodies[n], headers, timeout)
        except OSError as error:
            status = f"{type(error).__name__}"
        latencies[n] = time.perf_counter() - started
        statuses[n] = status

    threads = [threading.Thread(target=post, args=(n,)) for n in range(requests)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout + 30)
    wall = time.perf_counter() - started
    return statuses, latencies, wall


def warm_workers(port, path, workers):
    """Each worker serves registrations before the measured bursts, as on a site that is
    running (a worker's first POST loads the forms, templates and task modules): a small
    burst at a session of its own, from other visitors than the measured ones."""
    statuses, _latencies, _wall = burst(port, path, requests=workers * 4, first=10_000)
    assert all(status == 303 for status in statuses), statuses  # noqa: S101


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(statuses, latencies, wall, counts, capacity):
    """The figures of one burst; `counts` from the database (confirmed, waitlisted, rows)."""
    redirected = sum(1 for s in statuses if s == 303)
    server_errors = sum(1 for s in statuses if isinstance(s, int) and s >= 500)
    failed = sum(1 for s in statuses if not isinstance(s, int))
    confirmed, waitlisted, rows = counts
    return {
        "requests": len(statuses),
        "registrations_per_s": len(statuses) / wall,
        "p50_s": statistics.median(latencies),
        "p95_s": percentile(latencies, 0.95),
        "wall_s": wall,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        # A 303 says "stored": every one must have its row, and no row may be missing.
        "lost": max(redirected - rows, 0) + max(len(statuses) - failed - rows, 0),
        "5xx": server_errors,
        "no_answer": failed,
        "other": sorted(
            {s for s in statuses if isinstance(s, int) and s not in (303,) and s < 500}
        ),
        "capacity": capacity,
    }


# --- the stand-alone benchmark --------------------------------------------------------


def prepare_database(env, capacity):
    """Migrates the database and adds a site with one session; returns its path."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return make_session(capacity)


def make_session(capacity, title=None):
    """A live session page (capacity seats, registration open) under a session index."""
    import datetime

    from django.utils import timezone

    from wagtail.models import Page, Site

    from events.models import SessionIndexPage, SessionPage
    from home.models import HomePage

    index = SessionIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Kennisportaal", slug="bench-home", introduction="Bench")
        root.add_child(instance=home)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": HOST, "port": 80},
        )
        index = SessionIndexPage(title="Leerbijeenkomsten", slug="leerbijeenkomsten")
        home.add_child(instance=index)
        index.save_revision().publish()
    start = (timezone.now() + datetime.timedelta(days=14)).replace(microsecond=0)
    session = SessionPage(
        title=title or f"Burst {secrets.token_hex(3)}",
        slug=f"burst-{secrets.token_hex(4)}",
        summary="Een bijeenkomst voor de registratie-benchmark.",
        start=start,
        end=start + datetime.timedelta(hours=3),
        format=SessionPage.Format.PHYSICAL,
        venue_name="Stadhuis",
        venue_address="Coolsingel 40, Rotterdam",
        capacity=capacity,
        max_per_organisation=3,
    )
    session.live = False
    index.add_child(instance=session)
    session.save_revision().publish()
    session.refresh_from_db()
    return session


def database_counts(session_id):
    from events.models import Registration

    registrations = Registration.objects.filter(session_id=session_id)
    return (
        registrations.filter(status=Registration.Status.CONFIRMED).count(),
        registrations.filter(status=Registration.Status.WAITLISTED).count(),
        registrations.count(),
    )


def registrations_without_mail(session_id):
    """Registrations of the session without the compose task of their first mail."""
    from django_tasks_db.models import DBTaskResult

    from events import emails
    from events.models import Registration

    ids = set(
        Registration.objects.filter(session_id=session_id).values_list("pk", flat=True)
    )
    scheduled = {
        args[1]
        for args in DBTaskResult.objects.filter(
            task_path="events.tasks.compose_messages"
        ).values_list("args_kwargs__args", flat=True)
        if args and args[0] == emails.REGISTERED
    }
    return len(ids - scheduled)


def profile(runs, top):
    """One POST in this process (Django's test client, production settings): its
    queries, the median CPU time of `runs` POSTs, and with `top` the functions that
    took the most time. For finding work; the figures of the burst come from main()."""
    import cProfile
    import pstats
    from urllib.parse import parse_qsl

    from django.db import connection
    from django.test import Client

    session = make_session(5)
    time.sleep(3)  # the route is kept only once the publication is a moment old
    client = Client()
    numbers = iter(range(10**6))

    def post():
        n = next(numbers)
        data = dict(parse_qsl(registration_body(n)))
        data["contact_email"] = f"profile{n}-{secrets.token_hex(3)}@burst.example"
        data["deelnemers-0-email"] = (
            f"deelnemer{n}-{secrets.token_hex(3)}@burst.example"
        )
        response = client.post(
            session.url,
            data,
            HTTP_ORIGIN="http://testserver",
            HTTP_X_FORWARDED_FOR=f"198.19.{n // 250 % 250}.{n % 250 + 1}",
        )
        assert response.status_code == 303, response.status_code  # noqa: S101
        client.cookies.clear()

    post()  # warm: the route, the choices, the templates
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        post()
    print(f"{len(queries)} queries")
    for sql in queries:
        print("  ", sql[:110])
    times = []
    for _ in range(runs):
        started = time.process_time()
        post()
        times.append((time.process_time() - started) * 1000)
    print(f"median CPU per POST: {statistics.median(times):.1f} ms ({runs} POSTs)")
    if top:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            post()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--rounds", type=int, default=3, help="bursts, a new session each"
    )
    parser.add_argument("--static-root", default=str(ROOT / "var" / "bench-static"))
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="RUNS",
        help="no burst: time RUNS POSTs in this process and list one POST's queries",
    )
    parser.add_argument(
        "--top", type=int, default=0, help="with --profile: the N costliest functions"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a throw-away PostgreSQL database (see --help).")
    if args.profile:
        env = portal_environment(database_url, 80, args.static_root)
        env.update(ALLOWED_HOSTS="testserver", PORTAL_BASE_URL="http://testserver")
        prepare_database(env, args.capacity)
        profile(args.profile, args.top)
        return
    port = free_port()
    env = portal_environment(database_url, port, args.static_root)
    collect_static(env)
    sessions = [prepare_database(env, args.capacity)]
    portal = Portal(env, port, workers=args.workers)
    results = []
    try:
        portal.wait_until_ready(sessions[0].url)
        warm_workers(port, make_session(args.workers * 4).url, args.workers)
        for round_number in range(args.rounds):
            session = sessions[0] if round_number == 0 else make_session(args.capacity)
            path = session.url
            request("GET", port, path)  # warm every code path once
            statuses, latencies, wall = burst(port, path, args.requests)
            result = summarise(
                statuses, latencies, wall, database_counts(session.pk), args.capacity
            )
            result["mail_lost"] = registrations_without_mail(session.pk)
            results.append(result)
            print(
                f"round {round_number + 1}: {result['registrations_per_s']:.0f} "
                f"registrations/s, p50 {result['p50_s'] * 1000:.0f} ms, p95 "
                f"{result['p95_s'] * 1000:.0f} ms; confirmed {result['confirmed']}/"
                f"{args.capacity}, waitlisted {result['waitlisted']}, lost "
                f"{result['lost']}, 5xx {result['5xx']}, no answer "
                f"{result['no_answer']}, other {result['other']}, registrations "
                f"without their mail task {result['mail_lost']}"
            )
    finally:
        portal.stop()
    print(
        f"median of {len(results)} rounds: "
        f"{statistics.median(r['registrations_per_s'] for r in results):.0f} "
        f"registrations/s, p50 {statistics.median(r['p50_s'] for r in results) * 1000:.0f}"
        f" ms, p95 {statistics.median(r['p95_s'] for r in results) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
