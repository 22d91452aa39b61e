"""The commands behind `make run`: the admin login and the demo site set-up."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from home.management.commands import prepare_demo_site


def run(command, **options):
    out = StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_ensure_admin_creates_a_superuser_once_and_reuses_its_password(tmp_path):
    password_file = tmp_path / "admin-password"

    first = run(
        "ensure_admin", password_file=str(password_file), url="http://127.0.0.1:8123"
    )
    second = run("ensure_admin", password_file=str(password_file))

    user = get_user_model().objects.get(username="admin")
    password = password_file.read_text().strip()
    assert user.is_superuser
    assert user.check_password(password)
    assert f"Wachtwoord:     {password}" in first
    assert f"Wachtwoord:     {password}" in second
    assert "http://127.0.0.1:8123/admin/" in first
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db
def test_ensure_admin_sets_a_new_password_when_the_stored_one_no_longer_works(tmp_path):
    password_file = tmp_path / "admin-password"
    run("ensure_admin", password_file=str(password_file))
    password_file.write_text("not-the-password\n")

    output = run("ensure_admin", password_file=str(password_file))

    password = password_file.read_text().strip()
    assert password != "not-the-password"
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert password in output


@pytest.mark.django_db
def test_prepare_demo_site_loads_the_demo_only_when_it_changed(tmp_path, monkeypatch):
    loads = []
    monkeypatch.setattr(
        prepare_demo_site,
        "call_command",
        lambda name, **kwargs: loads.append(name) if name == "load_demo" else None,
    )
    monkeypatch.setattr(prepare_demo_site, "demo_fingerprint", lambda: "abc")
    stamp = tmp_path / "fingerprint"
    # No home page yet: the demo is loaded even with a matching stamp.
    stamp.write_text("abc\n")
    run("prepare_demo_site", stamp=str(stamp))
    assert loads == ["load_demo"]

    from tests.factories import make_home_page

    make_home_page()
    run("prepare_demo_site", stamp=str(stamp))
    assert loads == ["load_demo"], "unchanged demo sources must not reload"

    monkeypatch.setattr(prepare_demo_site, "demo_fingerprint", lambda: "changed")
    run("prepare_demo_site", stamp=str(stamp))
    assert loads == ["load_demo", "load_demo"]
    assert stamp.read_text().strip() == "changed"


def test_demo_fingerprint_follows_the_demo_sources():
    fingerprint = prepare_demo_site.demo_fingerprint()
    assert len(fingerprint) == 64
    assert fingerprint == prepare_demo_site.demo_fingerprint()
