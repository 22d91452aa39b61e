"""Pages per second of the portal next to a stock Wagtail site, at 1,000 and 10,000 practices.

    make bench                                   # everything below, with the defaults
    .venv/bin/python bench/pages.py --sizes 1000,10000 --rounds 3 --duration 10
    .venv/bin/python bench/pages.py --sizes 10000 --keep /tmp/bench-pages   # reuse the data

What it does, the same way for both sites:

1. A throw-away PostgreSQL server (bin/pg-test-cluster) unless DATABASE_URL points at one
   (its databases ``bench_portal_<N>`` and ``bench_stock`` are dropped and made anew).
2. The portal's database per size: ``migrate``, the demo content (``load_demo``: home
   page, listings, sessions, statements), a folder for each of the 342 municipalities,
   then N practices made in bulk with the project's own models (PracticePage rows with
   themes, interventions, partners, tracks and tags, spread over the folders), and the
   search index rebuilt.
3. A stock Wagtail site: ``wagtail start`` from the same virtualenv in a temporary folder,
   plus an ArticlePage with a rich-text body (about 600 words), on the same server.
4. Both served by gunicorn, 3 sync workers, production settings, DEBUG off, 127.0.0.1.
5. ``wrk -t2 -c16`` for DURATION seconds per URL, the URLs interleaved (stock article page,
   then each portal page, then again) for ROUNDS rounds; the table shows the median req/s
   and its ratio to the stock article page measured in the same rounds.
6. The same portal pages again with the page cache on (Redis when ``redis-server`` is
   installed, else the local-memory cache), and bench/registration.py when it exists.

Nothing here is a test: numbers depend on the machine; docs/benchmarks.md has results.
"""

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
BIN = ROOT / ".venv" / "bin"
SECRET = "bench-only-secret-key-" + "x" * 40

# --- building the portal's data (runs inside Django: `pages.py build`) ------------------

WORDS = [
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
    "witwassen",
    "vastgoed",
    "drugs",
    "uitbuiting",
    "bibob",
    "sluiting",
    "verstoring",
]
TAG_POOL = [f"trefwoord-{i}" for i in range(200)]


def _sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng, count=3):
    return "".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>" for _ in range(count)
    )


def bulk_children(parent, model, rows, content_type, locale, published):
    """Live pages of ``model`` under ``parent`` in bulk: the Page rows, then the rows of
    the page type's own table (Django's bulk_create refuses multi-table models).

    ``rows`` are (title, slug, {field: value}); returns the created Page objects.
    """
    from wagtail.models import Page

    if not rows:
        return []
    start = parent.numchild
    pages = [
        Page(
            path=Page._get_path(parent.path, parent.depth + 1, start + number + 1),
            depth=parent.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            first_published_at=published[number],
            last_published_at=published[number],
            locale=locale,
        )
        for number, (title, slug, _values) in enumerate(rows)
    ]
    created = Page.objects.bulk_create(pages)
    fields = [f for f in model._meta.local_concrete_fields if f.name != "id"]
    model._base_manager._insert(
        [
            model(page_ptr_id=page.pk, **values)
            for page, (_t, _s, values) in zip(created, rows, strict=True)
        ],
        fields=fields,
        using="default",
    )
    parent.numchild += len(created)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    return created


def build(practices, seed=9):
    """N live practices in bulk, spread over the 342 municipality folders."""
    import django

    django.setup()
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from home.models import InterventionType, Municipality, PartnerType, Theme, Track
    from practices.models import (
        MunicipalityPracticesPage,
        PracticeIndexPage,
        PracticePage,
        PracticePageTag,
    )

    rng = random.Random(seed)
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"  migrate and demo content: {time.monotonic() - started:.0f} s")
    locale = Locale.get_default()
    now = timezone.now()
    index = PracticeIndexPage.objects.get()
    with transaction.atomic():
        have = set(
            MunicipalityPracticesPage.objects.values_list("municipality_id", flat=True)
        )
        missing = list(Municipality.objects.exclude(pk__in=have).order_by("cbs_code"))
        bulk_children(
            Page.objects.get(pk=index.pk),
            MunicipalityPracticesPage,
            [
                (f"Praktijken {m.display_name}", m.slug, {"municipality_id": m.pk})
                for m in missing
            ],
            ContentType.objects.get_for_model(MunicipalityPracticesPage),
            locale,
            [now] * len(missing),
        )
    folders = list(
        Page.objects.filter(
            pk__in=MunicipalityPracticesPage.objects.values("pk")
        ).order_by("path")
    )
    municipality_of = dict(
        MunicipalityPracticesPage.objects.values_list("pk", "municipality_id")
    )
    print(f"  {len(folders)} folders: {time.monotonic() - started:.0f} s")

    themes = list(Theme.objects.values_list("pk", flat=True))
    interventions = list(InterventionType.objects.values_list("pk", flat=True))
    partners = list(PartnerType.objects.values_list("pk", flat=True))
    tracks = list(Track.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=n, slug=n)[0].pk for n in TAG_POOL]
    content_type = ContentType.objects.get_for_model(PracticePage)
    approach = json.dumps(
        [{"type": "paragraph", "value": _paragraphs(rng, 2), "id": "a"}]
    )
    # Practices by folder, round robin: every municipality gets its share.
    by_folder = {folder.pk: [] for folder in folders}
    for number in range(practices):
        by_folder[folders[number % len(folders)].pk].append(number)
    links = {}
    with transaction.atomic():
        for folder in folders:
            rows, published = [], []
            for number in by_folder[folder.pk]:
                title = f"{_sentence(rng, 5)[:-1]} {number}"
                published.append(now - datetime.timedelta(hours=number))
                rows.append(
                    (
                        title,
                        f"praktijk-{number}",
                        {
                            "kind": rng.choice(["casus", "goede-praktijk"]),
                            "lead_municipality_id": municipality_of[folder.pk],
                            "summary": _sentence(rng, 30),
                            "problem": _paragraphs(rng, 2),
                            "approach": approach,
                            "partners_description": _paragraphs(rng, 1),
                            "results": _paragraphs(rng, 2),
                            "what_did_not_work": _paragraphs(rng, 1),
                            "lessons": _paragraphs(rng, 1),
                            "costs_and_capacity": "",
                            "status": rng.choice(["pilot", "lopend", "afgerond"]),
                            "evidence_level": "praktijkervaring",
                            "period_start": datetime.date(
                                rng.randint(2015, 2026), 1, 1
                            ),
                            "neighbourhood": "",
                            "contact_name": "",
                            "contact_role": "",
                            "contact_email": "",
                            "contact_phone": "",
                            "contact_consent": False,
                            "restricted_details": "",
                        },
                    )
                )
            for page in bulk_children(
                folder, PracticePage, rows, content_type, locale, published
            ):
                links[page.pk] = (
                    rng.sample(themes, rng.randint(1, 3)),
                    rng.sample(interventions, rng.randint(0, 3)),
                    rng.sample(partners, rng.randint(1, 4)),
                    rng.sample(tracks, rng.randint(0, 2)),
                    rng.sample(tags, rng.randint(0, 3)),
                )
        for field, target, position in (
            ("themes", "theme_id", 0),
            ("intervention_types", "interventiontype_id", 1),
            ("partner_types", "partnertype_id", 2),
            ("tracks", "track_id", 3),
        ):
            through = getattr(PracticePage, field).through
            through.objects.bulk_create(
                (
                    through(practicepage_id=pk, **{target: term})
                    for pk, terms in links.items()
                    for term in terms[position]
                ),
                batch_size=2000,
            )
        PracticePageTag.objects.bulk_create(
            (
                PracticePageTag(content_object_id=pk, tag_id=tag)
                for pk, terms in links.items()
                for tag in terms[4]
            ),
            batch_size=2000,
        )
    print(f"  {practices:,} practices: {time.monotonic() - started:.0f} s")
    call_command("rebuild_search_index", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"  search index: {time.monotonic() - started:.0f} s")


def urls_of_portal():
    """The benchmarked URLs: one of each page type, picked from the database."""
    import django

    django.setup()
    from events.models import SessionPage
    from practices.models import PracticeIndexPage, PracticePage
    from practices.roles import municipality_group_name  # noqa: F401 (app loaded)

    index = PracticeIndexPage.objects.live().first()
    # A practice from the middle of the bulk set: a typical page, not a demo one.
    practices = PracticePage.objects.live().order_by("pk")
    practice = practices[practices.count() // 2]
    theme = practice.themes.first()
    session = SessionPage.objects.live().order_by("start").last()
    from events.models import SessionIndexPage

    sessions = SessionIndexPage.objects.live().first()
    return {
        "home": "/",
        "practice listing": index.url,
        "listing, filtered": f"{index.url}?thema={theme.slug}&status=lopend",
        "practice page": practice.url,
        "session list": sessions.url,
        "session page": session.url,
        "search": "/zoeken/?q=witwassen",
    }


# --- the stock Wagtail site ---------------------------------------------------------

STOCK_MODEL = """

from wagtail.fields import RichTextField
from wagtail.admin.panels import FieldPanel


class ArticlePage(Page):
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
"""
STOCK_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<article>
  <h1>{{ page.title }}</h1>
  {{ page.body|richtext }}
</article>
{% endblock %}
"""
STOCK_SETUP = """
import random
from home.models import ArticlePage, HomePage
home = HomePage.objects.first()
if not ArticlePage.objects.exists():
    words = WORDS
    rng = random.Random(1)
    body = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(100)) + ".</p>"
        for _ in range(6)
    )
    article = ArticlePage(title="Een artikel", slug="artikel", body=body)
    home.add_child(instance=article)
    article.save_revision().publish()
"""


def build_stock(folder, database_url):
    """`wagtail start` + ArticlePage, migrated and collected."""
    project = folder / "stocksite"
    if not project.exists():
        project.mkdir(parents=True)
        run([BIN / "wagtail", "start", "stocksite", str(project)])
        models = project / "home" / "models.py"
        models.write_text(models.read_text() + STOCK_MODEL)
        templates = project / "home" / "templates" / "home"
        (templates / "article_page.html").write_text(STOCK_TEMPLATE)
        production = project / "stocksite" / "settings" / "production.py"
        production.write_text(
            production.read_text()
            + textwrap.dedent(
                """
                import os
                import dj_database_url
                SECRET_KEY = os.environ["SECRET_KEY"]
                ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
                DATABASES = {"default": dj_database_url.parse(
                    os.environ["DATABASE_URL"], conn_max_age=60)}
                """
            )
        )
    env = stock_env(project, database_url)
    run([PYTHON, "manage.py", "makemigrations", "home", "-v0"], cwd=project, env=env)
    run([PYTHON, "manage.py", "migrate", "-v0"], cwd=project, env=env)
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=project, env=env
    )
    run(
        [PYTHON, "manage.py", "shell", "-c", f"WORDS = {WORDS!r}\n" + STOCK_SETUP],
        cwd=project,
        env=env,
    )
    return project


def stock_env(project, database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stocksite.settings.production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(project),
    }


# --- running things -----------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def cpu_seconds(pids):
    """User + system CPU seconds of these processes (those still running)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


class Server:
    """A gunicorn site: its URL and the processes whose CPU a request costs."""

    def __init__(self, base, master, database_pid):
        self.base = base
        self.master = master
        self.database_pid = database_pid

    def pids(self):
        # The workers, and PostgreSQL's backends (the persistent connections).
        database = children(self.database_pid) if self.database_pid else []
        return [self.master, *children(self.master), *database]


def run(command, **kwargs):
    kwargs.setdefault("check", True)
    return subprocess.run([str(part) for part in command], **kwargs)  # noqa: S603


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_env(database_url, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


@contextlib.contextmanager
def gunicorn(wsgi, cwd, env, workers=3, database_pid=None):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            wsgi,
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()  # noqa: S310
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn for {wsgi} did not start") from None
                time.sleep(0.5)
        yield Server(base, process.pid, database_pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def warm(url, times=20):
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()


def wrk(url, duration, threads=2, connections=16):
    result = run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{result.stdout}")
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", result.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    requests = int(re.search(r"(\d+) requests in", result.stdout).group(1))
    return rate, float(median.group(1)) * scale, requests


def check_page(url):
    """Fails loudly when a URL is not a 200 (a benchmark of an error page is worthless)."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
        return dict(response.headers)


# --- the benchmark ------------------------------------------------------------------


def database_url_for(server_url, name):
    return server_url.rsplit("/", 1)[0] + "/" + name


def recreate_database(server_url, name, keep):
    import psycopg

    admin = database_url_for(server_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and keep:
            return False
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


def measure(targets, rounds, duration):
    """{label: [(req/s, median ms, CPU ms per request) per round]}, interleaved.

    targets: {label: (server, path)}. The CPU time of the server's workers and of the
    database backends per request is what the page costs, whatever else the machine
    is doing; req/s is what it achieves here and now.
    """
    results = {label: [] for label in targets}
    for number in range(rounds):
        for label, (server, path) in targets.items():
            pids = server.pids()
            before = cpu_seconds(pids)
            rate, median, requests = wrk(server.base + path, duration)
            cpu_ms = (cpu_seconds(pids) - before) * 1000 / max(requests, 1)
            results[label].append((rate, median, cpu_ms))
            print(
                f"    round {number + 1} {label:20} {rate:9.1f} req/s "
                f"{median:8.1f} ms p50 {cpu_ms:7.2f} CPU ms/request"
            )
    return results


def summarise(results, baseline_label):
    base_rate = statistics.median(r[0] for r in results[baseline_label])
    base_cpu = statistics.median(r[2] for r in results[baseline_label])
    rows = []
    for label, samples in results.items():
        rate = statistics.median(r[0] for r in samples)
        median_ms = statistics.median(r[1] for r in samples)
        cpu = statistics.median(r[2] for r in samples)
        rows.append((label, rate, median_ms, rate / base_rate, cpu, base_cpu / cpu))
    return rows


def table(title, rows, with_ratio=True):
    lines = [f"#### {title}", ""]
    if with_ratio:
        lines += [
            "| page | req/s | × stock | p50 ms | CPU ms/request | × stock by CPU |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {label} | {rate:,.1f} | {ratio:.2f} | {ms:,.0f} | {cpu:.1f} | "
            f"{cpu_ratio:.2f} |"
            for label, rate, ms, ratio, cpu, cpu_ratio in rows
        ]
    else:
        lines += [
            "| page | req/s | p50 ms | CPU ms/request |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {label} | {rate:,.0f} | {ms:,.1f} | {cpu:.2f} |"
            for label, rate, ms, _ratio, cpu, _cpu_ratio in rows
        ]
    return "\n".join(lines) + "\n"


def postmaster(folder):
    return int((folder / "data" / "postmaster.pid").read_text().split()[0])


@contextlib.contextmanager
def postgres(keep_dir):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        yield os.environ["DATABASE_URL"], None  # its CPU time is not counted
        return
    folder = Path(keep_dir) / "pg" if keep_dir else Path(tempfile.mkdtemp()) / "pg"
    if (folder / "port").exists() and (folder / "data" / "postmaster.pid").exists():
        port = (folder / "port").read_text().strip()
        yield f"postgres://postgres@127.0.0.1:{port}/kennisportaal", postmaster(folder)
        return
    if folder.exists():
        shutil.rmtree(folder)
    url = run(
        [ROOT / "bin" / "pg-test-cluster", "start", folder],
        capture_output=True,
        text=True,
    ).stdout.strip()
    try:
        yield url, postmaster(folder)
    finally:
        if not keep_dir:
            run([ROOT / "bin" / "pg-test-cluster", "stop", folder])


@contextlib.contextmanager
def redis():
    if not shutil.which("redis-server"):
        print(
            "  redis-server is not installed: the cached run uses the local-memory cache"
        )
        yield "locmem://bench"
        return
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def portal_pages(url, only=""):
    pages = json.loads(
        run(
            [PYTHON, __file__, "urls"],
            env=portal_env(url),
            capture_output=True,
            text=True,
        ).stdout
    )
    if only:
        pages = {k: v for k, v in pages.items() if k in set(only.split(","))}
    return pages


def sizes_side_by_side(args, sizes, server, database_pid, project):
    """The uncached pages of every size's portal (kept databases, built by a normal run)
    and the stock page, all served at once and measured interleaved in one run, so that
    "time per request does not grow with N" is not read across minutes of a shared
    machine's drift. Returns the table."""
    stock_url = database_url_for(server, "bench_stock")
    with contextlib.ExitStack() as stack:
        stock = stack.enter_context(
            gunicorn(
                "stocksite.wsgi",
                project,
                stock_env(project, stock_url),
                database_pid=database_pid,
            )
        )
        targets = {"stock article page": (stock, "/artikel/")}
        pages = {}
        for size in sizes:
            url = database_url_for(server, f"bench_portal_{size}")
            run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=portal_env(url))
            pages[size] = portal_pages(url, args.pages)
            cache_url = stack.enter_context(redis())
            portal = stack.enter_context(
                gunicorn(
                    "portal.wsgi",
                    ROOT,
                    portal_env(url, CACHE_URL=cache_url, PAGE_CACHE_TIMEOUT="0"),
                    database_pid=database_pid,
                )
            )
            for label, path in pages[size].items():
                targets[f"{size:,}: {label}"] = (portal, path)
        for server_, path in targets.values():
            check_page(server_.base + path)
            warm(server_.base + path)
        print(
            f"  sizes side by side, {args.rounds} rounds of {args.duration} s per page"
        )
        results = measure(targets, args.rounds, args.duration)
    small, large = sizes[0], sizes[-1]
    lines = [
        f"#### {small:,} and {large:,} practices side by side, no page cache",
        "",
        f"| page | {small:,}: req/s | {large:,}: req/s | time per request, {large:,} "
        f"vs {small:,} | {small:,}: CPU ms/request | {large:,}: CPU ms/request | CPU, "
        f"{large:,} vs {small:,} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label in pages[small]:
        a = results[f"{small:,}: {label}"]
        b = results[f"{large:,}: {label}"]
        rate_a = statistics.median(r[0] for r in a)
        rate_b = statistics.median(r[0] for r in b)
        cpu_a = statistics.median(r[2] for r in a)
        cpu_b = statistics.median(r[2] for r in b)
        lines.append(
            f"| {label} | {rate_a:,.1f} | {rate_b:,.1f} | {rate_a / rate_b - 1:+.1%} | "
            f"{cpu_a:.1f} | {cpu_b:.1f} | {cpu_b / cpu_a - 1:+.1%} |"
        )
    stock_rate = statistics.median(r[0] for r in results["stock article page"])
    lines += ["", f"Stock article page in the same run: {stock_rate:,.1f} req/s."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--keep", default="", help="folder to keep the databases and stock site in"
    )
    parser.add_argument("--no-cached", action="store_true", help="skip the cached run")
    parser.add_argument(
        "--no-data-cache",
        action="store_true",
        help="uncached run with DATA_CACHE_TIMEOUT=0: nothing kept at all",
    )
    parser.add_argument(
        "--pages", default="", help="only these pages (comma-separated)"
    )
    parser.add_argument(
        "--sizes-side-by-side",
        action="store_true",
        help="only compare the sizes' portals (uncached), interleaved in one run",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    sizes = [int(size) for size in args.sizes.split(",")]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=portal_env("postgres://unused/x"),
    )
    report = []
    with postgres(args.keep) as (server, database_pid):
        stock_url = database_url_for(server, "bench_stock")
        if recreate_database(server, "bench_stock", bool(args.keep)):
            shutil.rmtree(work / "stock", ignore_errors=True)
        print("stock Wagtail site")
        project = build_stock(work / "stock", stock_url)
        if args.sizes_side_by_side:
            report.append(
                sizes_side_by_side(args, sizes, server, database_pid, project)
            )
            print(report[-1])
            return
        for size in sizes:
            name = f"bench_portal_{size}"
            url = database_url_for(server, name)
            print(f"portal with {size:,} practices")
            if recreate_database(server, name, bool(args.keep)):
                run([PYTHON, __file__, "build", str(size)], env=portal_env(url))
            else:  # a kept database: bring it up to the code's migrations
                run(
                    [PYTHON, "manage.py", "migrate", "-v0"],
                    cwd=ROOT,
                    env=portal_env(url),
                )
            pages = portal_pages(url, args.pages)
            # The production set-up (a shared Redis cache) with the page cache off: every
            # request is served by the application; what it keeps per tag version
            # (routes, navigation, filter choices, main content) stays on, as in
            # production. --no-data-cache switches that off too (DATA_CACHE_TIMEOUT=0).
            data_cache = "0" if args.no_data_cache else "3600"
            with (
                redis() as cache_url,
                gunicorn(
                    "stocksite.wsgi",
                    project,
                    stock_env(project, stock_url),
                    database_pid=database_pid,
                ) as stock,
                gunicorn(
                    "portal.wsgi",
                    ROOT,
                    portal_env(
                        url,
                        CACHE_URL=cache_url,
                        PAGE_CACHE_TIMEOUT="0",
                        DATA_CACHE_TIMEOUT=data_cache,
                    ),
                    database_pid=database_pid,
                ) as portal,
            ):
                targets = {"stock article page": (stock, "/artikel/")}
                targets.update({label: (portal, path) for label, path in pages.items()})
                for server_, path in targets.values():
                    check_page(server_.base + path)
                    warm(server_.base + path)
                print(f"  uncached, {args.rounds} rounds of {args.duration} s per page")
                rows = summarise(
                    measure(targets, args.rounds, args.duration), "stock article page"
                )
            title = f"{size:,} practices, no page cache"
            if args.no_data_cache:
                title += ", no data cache"
            report.append(table(title, rows))
            print(report[-1])
            if args.no_cached:
                continue
            with (
                redis() as cache_url,
                gunicorn(
                    "portal.wsgi",
                    ROOT,
                    portal_env(url, CACHE_URL=cache_url, PAGE_CACHE_TIMEOUT="600"),
                    database_pid=database_pid,
                ) as portal,
            ):
                targets = {label: (portal, path) for label, path in pages.items()}
                for server_, path in targets.values():
                    headers = check_page(server_.base + path)
                    warm(server_.base + path, 3)
                print(
                    f"  cached ({cache_url.split(':')[0]}), headers: "
                    f"{headers.get('Cache-Control')}"
                )
                rows = summarise(measure(targets, 1, args.duration), "home")
            report.append(
                table(
                    f"{size:,} practices, page cache on ({cache_url.split(':')[0]})",
                    rows,
                    with_ratio=False,
                )
            )
            print(report[-1])
        # The registration burst, on a fresh database of the same server.
        recreate_database(server, "bench_registration", False)
        print("bench/registration.py")
        run(
            [PYTHON, ROOT / "bench" / "registration.py"],
            cwd=ROOT,
            env={
                **os.environ,
                "DATABASE_URL": database_url_for(server, "bench_registration"),
            },
        )
    print("\n".join(report))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        sys.path.insert(0, str(ROOT))
        build(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "urls":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(urls_of_portal()))
    else:
        main()
