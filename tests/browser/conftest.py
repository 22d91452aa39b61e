"""Browser tests: headless Chromium (Debian's, through Playwright) against the live server.

Every test in this folder is marked `browser`, so `pytest -m "not browser"` leaves them
out and `pytest -m browser` runs only them (see the Makefile's test targets).
"""

import json
import os
from pathlib import Path

from django.core.management import call_command
from django.db import connections

import pytest

BROWSER_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BROWSER_DIR.parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCES = [
    PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def in_ci():
    """CI sets CI=true; there a missing tool is a failure, never a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0", "no")


def skip_or_fail(reason):
    if in_ci():
        pytest.fail(f"{reason} (CI must run every test)", pytrace=False)
    pytest.skip(f"*** BROWSER TESTS SKIPPED: {reason} ***")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the mark must be on the items before `-m` deselects by mark.
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package", autouse=True)
def _allow_database_calls_beside_playwright():
    """Between two calls, Playwright's sync API leaves its asyncio event loop marked as
    running in this thread, and Django then refuses database calls as "async unsafe"
    although nothing here is async. Django's escape hatch is this environment variable;
    it is set only while the browser tests run (package scope, like `browser`), so the
    rest of the suite, and the subprocesses it starts, keep Django's protection."""
    name = "DJANGO_ALLOW_ASYNC_UNSAFE"
    previous = os.environ.get(name)
    os.environ[name] = "true"
    yield
    if previous is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = previous


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One headless Chromium for the browser tests; stopped when they are done, which
    also ends Playwright's event loop."""
    if not os.access(CHROMIUM, os.X_OK):
        skip_or_fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # While Playwright's loop counts as running, Django's connection handler (an asgiref
    # Local) hands this thread a second set of connection objects. The test database
    # snapshot that serialized rollback restores after each flush (see demo_site) lives
    # on the first set, so copy it over; close the second set at the end.
    snapshots = {
        connection.alias: connection.__dict__.get("_test_serialized_contents")
        for connection in connections.all()
    }
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        yield chromium
        chromium.close()
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (Dutch locale, no cookies) per test; relative URLs go to
    the live server, so `page.goto("/")` opens the home page."""
    # The Content-Security-Policy stays in force, as for a visitor: a page that needs an
    # inline script breaks here too. check_axe evaluates axe-core, which CSP allows.
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """The demo content of `make run`, committed so the live server's thread sees it.

    Serialized rollback puts back what the migrations created (Wagtail's root page,
    default Site, locales) after each test's flush, so load_demo always starts from a
    freshly migrated database, as it does in `make run`. Wagtail's default Site
    (is_default_site=True) answers for any host name and port, so pages resolve under
    the live server without touching the Site's hostname.
    """
    call_command("load_demo", verbosity=0)


def _axe_source():
    for path in AXE_SOURCES:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        import axe_playwright_python
    except ImportError:  # pragma: no cover - it is in the dev extras
        pass
    else:
        bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
        if bundled.is_file():
            return bundled.read_text(encoding="utf-8")
    pytest.fail("axe-core not found: run `make install` (npm ci)", pytrace=False)


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): "
            f"{violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(
                json.dumps(part) if not isinstance(part, str) else part
                for part in node["target"]
            )
            lines.append(f"    at {target}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


def check_axe(page, context=None):
    """Runs axe-core on the page (WCAG 2.0/2.1 A and AA) and fails listing each violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as a <script> tag: the portal's
        # Content-Security-Policy (script-src 'self') rightly blocks an injected inline
        # script, and the tests keep that policy in force.
        page.evaluate(_axe_source())
    results = page.evaluate(
        """async ([context, tags]) => await window.axe.run(
            context || document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}
        )""",
        [context, AXE_TAGS],
    )
    violations = results["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


@pytest.fixture
def assert_no_axe_violations():
    """`assert_no_axe_violations(page)` fails the test listing every axe-core violation
    (id, impact, help, target nodes) for WCAG 2.0/2.1 level A and AA."""
    return check_axe
