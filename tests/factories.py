"""Shared builders for the test suite: reference-data lookups, pages and users per role.

Build only what a test needs. Every builder returns saved objects.

    home = make_home_page()                       # HomePage + default Site
    index = make_practice_index(home)             # /praktijken/ (with review workflow)
    practice = make_practice("Titel", municipality="GM0599", themes=["witwassen"])
    editor = make_editor()                        # group Ministerie-redacteuren
    contributor = make_contributor("GM0599")      # onboarded for Rotterdam
    official = make_government_user()             # may read restricted details

Reference data (342 municipalities, themes, ...) comes from the migrations, so lookups
never create anything: municipality("GM0363"), theme("witwassen"), ...
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, Site

from home.models import (
    HomePage,
    InterventionType,
    Municipality,
    PartnerType,
    Theme,
    Track,
)
from practices.models import PracticeIndexPage, PracticePage
from practices.roles import (
    CONTRIBUTORS_GROUP,
    EDITORS_GROUP,
    ensure_municipality_folder,
    onboard_contributor,
)

PASSWORD = "test-wachtwoord-123"
_numbers = itertools.count(1)


# --- reference data -----------------------------------------------------------------


def municipality(code_or_slug="GM0363"):
    """A municipality by CBS code (GM0363) or slug (amsterdam)."""
    return Municipality.objects.select_related("riec_region").get(
        Q(cbs_code=code_or_slug.upper()) | Q(slug=code_or_slug.lower())
    )


def theme(slug):
    return Theme.objects.get(slug=slug)


def intervention_type(slug):
    return InterventionType.objects.get(slug=slug)


def partner_type(slug):
    return PartnerType.objects.get(slug=slug)


def track(slug):
    return Track.objects.get(slug=slug)


# --- pages --------------------------------------------------------------------------


def make_home_page(slug="kennisportaal"):
    """The home page under the root, as the default site (host 'testserver')."""
    home = HomePage.objects.filter(slug=slug).first()
    if home is None:
        home = HomePage(title="Kennisportaal", slug=slug, introduction="Welkom.")
        Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "root_page": home,
            "hostname": "testserver",
            "port": 80,
            "site_name": "Kennisportaal",
        },
    )
    return home


def make_practice_index(home=None):
    """The live PracticeIndexPage at /praktijken/; the review workflow is attached."""
    home = home or make_home_page()
    index = PracticeIndexPage.objects.first()
    if index is None:
        index = PracticeIndexPage(
            title="Praktijken", slug="praktijken", show_in_menus=True
        )
        home.add_child(instance=index)
    return index


def make_practice(
    title=None,
    *,
    municipality="GM0363",
    others=(),
    themes=("witwassen",),
    interventions=(),
    partners=(),
    tracks=(),
    tags=(),
    live=True,
    published_at=None,
    index=None,
    with_revision=False,
    **fields,
):
    """A practice in its municipality's folder (made if needed).

    live=True makes it live without a revision (fast); with_revision=True publishes it
    through a revision as the admin does. Other PracticePage fields go in **fields.
    """
    number = next(_numbers)
    index = index or make_practice_index()
    lead = globals()["municipality"](municipality)
    folder, _group = ensure_municipality_folder(lead, index)
    values = {
        "title": title or f"Praktijk {number}",
        "slug": f"praktijk-{number}",
        "lead_municipality": lead,
        "summary": "Een aanpak van ondermijning in de wijk.",
        "problem": "<p>Er speelde iets in de wijk.</p>",
        "approach": [("paragraph", "<p>Samen met partners.</p>")],
        "live": live and not with_revision,
        "first_published_at": (
            published_at or timezone.now() - datetime.timedelta(minutes=number)
            if live
            else None
        ),
    }
    values.update(fields)
    practice = PracticePage(**values)
    practice.other_municipalities.set(
        [globals()["municipality"](code) for code in others]
    )
    practice.themes.set(Theme.objects.filter(slug__in=themes))
    practice.intervention_types.set(
        InterventionType.objects.filter(slug__in=interventions)
    )
    practice.partner_types.set(PartnerType.objects.filter(slug__in=partners))
    practice.tracks.set(Track.objects.filter(slug__in=tracks))
    practice.tags.set(list(tags))
    folder.add_child(instance=practice)
    if with_revision:
        practice.save_revision().publish()
        practice.refresh_from_db()
    return practice


# --- users --------------------------------------------------------------------------


def make_user(username=None, *, groups=(), password=PASSWORD, **fields):
    username = username or f"gebruiker{next(_numbers)}"
    user = get_user_model().objects.create_user(
        username=username,
        email=fields.pop("email", f"{username}@example.org"),
        password=password,
        **fields,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(username=None):
    """A ministry editor (group Ministerie-redacteuren)."""
    return make_user(username or f"redacteur{next(_numbers)}", groups=[EDITORS_GROUP])


def make_contributor(municipality_code="GM0599", username=None, index=None):
    """A contributor onboarded for one municipality, with a usable test password."""
    index = index or make_practice_index()
    username = username or f"bijdrager{next(_numbers)}"
    user, _created = onboard_contributor(
        email=f"{username}@gemeente.example",
        name="Bea Bijdrager",
        municipality=municipality(municipality_code),
        username=username,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_government_user(username=None):
    """A signed-in government user who is not an editor: a contributor's base group."""
    return make_user(
        username or f"ambtenaar{next(_numbers)}", groups=[CONTRIBUTORS_GROUP]
    )
