"""Every environment variable the settings read is documented in docs/configuration.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_CALL = re.compile(r'env(?:_bool|_int|_list|_required)?\(\s*"([A-Z][A-Z0-9_]+)"')


def settings_variables():
    names = set()
    for module in (ROOT / "portal" / "settings").glob("*.py"):
        names.update(ENV_CALL.findall(module.read_text()))
    return names


def test_settings_read_environment_variables():
    # Guards the regular expression itself: if it stopped matching, the next test
    # would pass vacuously.
    assert {"SECRET_KEY", "DATABASE_URL", "SEARCH_ENGINE"} <= settings_variables()


def test_every_variable_is_documented():
    documented = set(
        re.findall(
            r"^\| `([A-Z][A-Z0-9_]+)`",
            (ROOT / "docs" / "configuration.md").read_text(),
            re.M,
        )
    )
    missing = settings_variables() - documented
    assert not missing, f"Not in docs/configuration.md: {sorted(missing)}"
