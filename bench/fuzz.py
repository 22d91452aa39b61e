"""Fire fuzzed requests at a running portal and count the answers, 5xx above all.

    .venv/bin/python bench/fuzz.py --start                  # SQLite, 10,000 requests
    DATABASE_URL=postgres://... .venv/bin/python bench/fuzz.py --start
    .venv/bin/python bench/fuzz.py --base-url http://127.0.0.1:8000 --requests 20000

--start builds a throw-away portal under production settings (DEBUG off): a fresh
database (a temporary SQLite file configured like the embedded default, or the
PostgreSQL database in DATABASE_URL, which is flushed: never point it at production),
migrate, the demo content, collectstatic, then gunicorn with 3 workers on 127.0.0.1.
It is stopped afterwards.

The requests cover every public endpoint: pages from the sitemap, the practice listing
with filters and its feed, sessions with their calendar files, the registration form
(from this site's Origin) and the follow-a-search form, the manage link, the search page, search API and suggestions,
the Wagtail API (list, detail, find) and security.txt. Parameter names are the real
ones plus random ones; values mix known troublemakers (Unicode digits, NUL bytes, quotes,
20-digit numbers, very long text) with random text. Prints the status counts and every
5xx with its request, so a failure can be reproduced with curl.
"""

import argparse
import collections
import http.client
import os
import random
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

# The same values and parameter names as the Hypothesis fuzz test.
from tests.fuzz_inputs import (  # noqa: E402
    API_PARAMETERS,
    FOLLOW_FIELDS,
    MANAGE_FIELDS,
    NASTY,
    PRACTICE_FILTERS,
    REGISTRATION_FIELDS,
    SEARCH_PARAMETERS,
    SESSION_FILTERS,
)


def value(rng):
    kind = rng.random()
    if kind < 0.4:
        return rng.choice(NASTY)
    if kind < 0.6:
        return str(rng.randint(-(2**70), 2**70))
    if kind < 0.8:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 30)))
    return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 20)))


def params(rng, names):
    pairs = []
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(names) if rng.random() < 0.85 else value(rng)[:10]
        pairs.append((name, value(rng)))
    return pairs


class Target:
    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.base_url = base_url.rstrip("/")

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        headers = {
            # The portal runs behind a TLS proxy in production: say we are it.
            "X-Forwarded-Proto": "https",
            "Host": f"{self.host}:{self.port}",
            **(headers or {}),
        }
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read(), response.getheaders()
        finally:
            connection.close()

    def discover(self):
        """Paths from the sitemap, sorted into the endpoints we fuzz differently."""
        status, body, _headers = self.request("GET", "/sitemap.xml")
        if status != 200:
            raise SystemExit(f"/sitemap.xml answered {status}: is the portal running?")
        paths = [
            urllib.parse.urlsplit(loc).path
            for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())
        ]
        practices = [
            p for p in paths if p.startswith("/praktijken/") and p.count("/") >= 4
        ]
        sessions = [
            p
            for p in paths
            if p.startswith("/leerbijeenkomsten/") and p.count("/") >= 3
        ]
        return {
            "pages": paths,
            "practices": practices or ["/praktijken/"],
            "sessions": sessions or ["/leerbijeenkomsten/"],
        }

    def csrf(self, path):
        """A CSRF cookie and token from a form page (POSTs without them are 403s)."""
        _status, body, headers = self.request("GET", path)
        cookie = next(
            (
                v.split(";")[0]
                for k, v in headers
                if k.lower() == "set-cookie" and v.startswith("csrftoken=")
            ),
            None,
        )
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if not cookie or not token:
            return {}, {}
        return (
            {"Cookie": cookie, "Referer": f"https://{self.host}:{self.port}{path}"},
            {"csrfmiddlewaretoken": token.group(1).decode()},
        )

    def origin(self):
        """The anonymous forms (registration, follow a search) carry no CSRF token:
        they are accepted when the POST comes from this site (home/views.py)."""
        return {"Origin": f"http://{self.host}:{self.port}"}


def make_requests(target, count, seed):
    rng = random.Random(seed)
    found = target.discover()
    csrf_headers, csrf_fields = target.csrf(found["sessions"][0])
    makers = [
        lambda: ("GET", rng.choice(found["pages"]), params(rng, ["page", "q"])),
        lambda: ("GET", "/praktijken/", params(rng, PRACTICE_FILTERS)),
        lambda: ("GET", "/praktijken/feed/", params(rng, PRACTICE_FILTERS)),
        lambda: ("GET", rng.choice(found["practices"]), params(rng, ["page"])),
        lambda: ("GET", "/leerbijeenkomsten/", params(rng, SESSION_FILTERS)),
        lambda: (
            "GET",
            rng.choice(found["sessions"]) + "agenda.ics",
            params(rng, ["x"]),
        ),
        lambda: (
            "POST",
            rng.choice(found["sessions"]),
            params(rng, REGISTRATION_FIELDS),
        ),
        lambda: ("POST", "/zoeken/volgen/", params(rng, FOLLOW_FIELDS)),
        lambda: (
            "POST" if rng.random() < 0.5 else "GET",
            "/leerbijeenkomsten/aanmelding/"
            + "".join(
                rng.choice(string.ascii_letters + string.digits + "-_")
                for _ in range(rng.randint(1, 60))
            )
            + "/",
            params(rng, MANAGE_FIELDS),
        ),
        lambda: ("GET", "/zoeken/", params(rng, SEARCH_PARAMETERS)),
        lambda: ("GET", "/api/zoeken/", params(rng, SEARCH_PARAMETERS)),
        lambda: ("GET", "/zoeken/suggesties/", params(rng, ["q"])),
        lambda: ("GET", "/api/v2/praktijken/", params(rng, API_PARAMETERS)),
        lambda: ("GET", "/api/v2/praktijken/find/", params(rng, API_PARAMETERS)),
        lambda: (
            "GET",
            f"/api/v2/praktijken/{value(rng) if rng.random() < 0.3 else rng.randint(0, 10**20)}/",
            params(rng, API_PARAMETERS),
        ),
        lambda: ("GET", "/.well-known/security.txt", []),
    ]
    for _ in range(count):
        method, path, pairs = rng.choice(makers)()
        path = urllib.parse.quote(path, safe="/-_.~")
        encoded = urllib.parse.urlencode(pairs)
        if method == "GET":
            yield method, path + ("?" + encoded if encoded else ""), None, {}
        else:
            body = urllib.parse.urlencode(pairs + list(csrf_fields.items()))
            yield (
                method,
                path,
                body,
                {
                    **csrf_headers,
                    **target.origin(),
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )


def fire(target, count, workers, seed):
    statuses = collections.Counter()
    failures = []
    started = time.monotonic()

    def one(request):
        method, path, body, headers = request
        try:
            status, _body, _headers = target.request(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            status = f"error {type(error).__name__}"
        return request, status

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for request, status in pool.map(one, make_requests(target, count, seed)):
            statuses[status] += 1
            if not isinstance(status, int) or status >= 500:
                failures.append((status, request))
    return statuses, failures, time.monotonic() - started


def start_portal(port):
    """A throw-away portal under production settings; returns (process, cleanup)."""
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-portal-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "fuzz-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURITY_CONTACT": "mailto:security@kennisportaal.example",
    }
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = (
            f"sqlite:///{workdir}/db.sqlite3?transaction_mode=IMMEDIATE&timeout=20"
            "&init_command=PRAGMA+journal_mode%3DWAL%3B+PRAGMA+synchronous%3DNORMAL"
        )
    else:
        subprocess.run(
            [PYTHON, "manage.py", "flush", "--no-input"], cwd=ROOT, env=env, check=False
        )
    for command in (
        ["migrate", "--no-input"],
        ["load_demo"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (lives as long as gunicorn)
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-w",
            "3",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    # Ready when a worker has answered a whole request (booting 3 workers on a busy
    # machine takes a while).
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            sys.exit(
                "gunicorn stopped before it answered:\n"
                + (workdir / "gunicorn.log").read_text()[-3000:]
            )
        try:
            Target(f"http://127.0.0.1:{port}").request("GET", "/")
            break
        except (OSError, http.client.HTTPException):
            time.sleep(1)

    def cleanup():
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)

    return process, cleanup, workdir


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=None)
    parser.add_argument(
        "--start", action="store_true", help="start a throw-away portal"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    cleanup = None
    if args.start:
        _process, cleanup, workdir = start_portal(args.port)
        base_url = f"http://127.0.0.1:{args.port}"
    else:
        base_url = args.base_url or "http://127.0.0.1:8000"
    failures = []
    try:
        statuses, failures, seconds = fire(
            Target(base_url), args.requests, args.workers, args.seed
        )
    finally:
        if args.start and failures:
            shutil.copy(workdir / "gunicorn.log", "/tmp/fuzz-gunicorn.log")
            print("gunicorn log: /tmp/fuzz-gunicorn.log", file=sys.stderr)
        if cleanup:
            cleanup()
    database = (
        "PostgreSQL"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "SQLite"
    )
    total = sum(statuses.values())
    print(
        f"{total} requests in {seconds:.0f} s against {base_url} ({database}, seed {args.seed})"
    )
    for status, number in sorted(statuses.items(), key=lambda item: str(item[0])):
        print(f"  {status}: {number}")
    five_xx = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
    print(f"5xx or errors: {five_xx}")
    for status, (method, path, body, _headers) in failures[:50]:
        print(f"  {status} {method} {path[:200]} {body[:200] if body else ''}")
    sys.exit(1 if five_xx else 0)


if __name__ == "__main__":
    main()
