"""Public pages are valid HTML, checked by the Nu Html Checker (vnu.jar from npm).

All pages are rendered through Django's test client with the demo content loaded, written
to a temporary folder and checked in one run of the checker (one JVM start). Errors fail
the test; warnings are allowed. Extend PUBLIC_PAGES when a new kind of public page lands.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

# (path, expected status code): one of each kind of public page.
PUBLIC_PAGES = [
    ("/", 200),
    ("/toegankelijkheidsverklaring/", 200),
    ("/privacyverklaring/", 200),
    ("/deze-pagina-bestaat-niet/", 404),
    ("/praktijken/", 200),
    ("/praktijken/?thema=witwassen&status=lopend&sortering=titel", 200),
    ("/praktijken/?thema=bestaat-niet&page=999", 200),
    ("/praktijken/rotterdam/gebiedsgerichte-aanpak-jeugdgroep-oud-charlois/", 200),
    ("/praktijken/s-gravenhage/bibob-screening-shishalounge/", 200),
    ("/themas/", 200),
    ("/themas/witwassen/", 200),
    ("/leerbijeenkomsten/", 200),
    ("/leerbijeenkomsten/criminele-jeugdgroepen-van-signaal-tot-aanpak/", 200),
    ("/zoeken/?q=witwassen", 200),
    ("/zoeken/?q=jeugdgroepen&thema=criminele-jeugdgroepen", 200),
    ("/zoeken/?q=witwassen&theme=witwassen&type=practice", 200),
    ("/zoeken/volgen/verstuurd/", 200),
    ("/zoeken/volgen/bevestigen/onbekend/", 404),
    ("/zoeken/volgen/afmelden/onbekend/", 404),
]

VNU_JAR = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
VNU_TIMEOUT_SECONDS = 300


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0", "no")


@pytest.fixture
def vnu():
    """The command that runs the checker; skips loudly outside CI when Java is missing."""
    java = shutil.which("java")
    if java is None:
        message = "java not found: apt-get install default-jre-headless"
        if in_ci():
            pytest.fail(f"{message} (CI must validate the HTML)", pytrace=False)
        pytest.skip(f"*** HTML VALIDATION SKIPPED: {message} ***")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} not found: run `make install` (npm ci)", pytrace=False)
    return [java, "-Xss2m", "-jar", str(VNU_JAR)]


@pytest.fixture
def demo_content(db):
    call_command("load_demo", verbosity=0)


def render_pages(client, folder):
    """Writes each public page to a file in folder; returns {file name: URL path} and a
    list of pages that answered with an unexpected status code."""
    pages, problems = {}, []
    for number, (path, expected_status) in enumerate(PUBLIC_PAGES):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
        if response.status_code != expected_status:
            problems.append(
                f"{path}: status {response.status_code}, expected {expected_status}"
            )
            continue
        name = f"page-{number}.html"
        (folder / name).write_bytes(response.content)
        pages[name] = path
    return pages, problems


def validation_errors(vnu_command, files):
    result = subprocess.run(  # noqa: S603 (fixed command, our own temporary files)
        [*vnu_command, "--format", "json", "--stdout", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_SECONDS,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu.jar gave no JSON report (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    # "info" messages (including subType "warning") are allowed; anything else is not.
    return [message for message in messages if message["type"] != "info"]


def test_public_pages_are_valid_html(client, demo_content, vnu, tmp_path):
    pages, problems = render_pages(client, tmp_path)
    assert not problems, "unexpected status codes:\n" + "\n".join(problems)

    errors = validation_errors(vnu, [str(tmp_path / name) for name in pages])

    report = []
    for error in errors:
        url = error.get("url", "?")
        path = pages.get(url.rsplit("/", 1)[-1], url)
        report.append(
            f"{path} line {error.get('lastLine', '?')}: {error['type']}: {error['message']}\n"
            f"    {error.get('extract', '').strip()}"
        )
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(report)
