"""Builders for search tests: a small site with practices and sessions, and a way to
(re)build the index from it."""

import datetime
import itertools

from django.utils import timezone

from wagtail.models import Page

import pytest

from events.models import SessionIndexPage, SessionPage
from home.models import (
    HomePage,
    InterventionType,
    Municipality,
    PartnerType,
    Theme,
    Track,
)
from practices.models import MunicipalityPracticesPage, PracticeIndexPage, PracticePage
from search.engines import get_engine
from search.sources import all_documents

_slugs = itertools.count(1)


class SiteBuilder:
    """Creates published pages under one home page, one folder per municipality."""

    def __init__(self):
        root = Page.get_first_root_node()
        self.home = HomePage(title="Kennisportaal", slug="kp-home", introduction="Test")
        root.add_child(instance=self.home)
        self.practice_index = PracticeIndexPage(title="Praktijken", slug="praktijken")
        self.home.add_child(instance=self.practice_index)
        self.session_index = SessionIndexPage(
            title="Leerbijeenkomsten", slug="leerbijeenkomsten"
        )
        self.home.add_child(instance=self.session_index)
        self.folders = {}

    def folder(self, municipality):
        if municipality.pk not in self.folders:
            # The demo content (loaded by the relevance suite) has folders too.
            existing = MunicipalityPracticesPage.objects.filter(
                municipality=municipality
            ).first()
            if existing:
                self.folders[municipality.pk] = existing
                return existing
            folder = MunicipalityPracticesPage(
                title=municipality.display_name,
                slug=f"map-{municipality.slug}",
                municipality=municipality,
            )
            self.practice_index.add_child(instance=folder)
            self.folders[municipality.pk] = folder
        return self.folders[municipality.pk]

    def practice(
        self,
        title,
        summary="Een aanpak in de wijk.",
        *,
        municipality="GM0363",
        others=(),
        themes=(),
        interventions=(),
        partners=(),
        tracks=(),
        tags=(),
        problem="",
        evidence="praktijkervaring",
        published=datetime.date(2025, 1, 1),
        restricted="",
        live=True,
    ):
        lead = Municipality.objects.get(cbs_code=municipality)
        page = PracticePage(
            title=title,
            slug=f"praktijk-{next(_slugs)}",
            lead_municipality=lead,
            summary=summary,
            problem=f"<p>{problem}</p>" if problem else "<p>Zie samenvatting.</p>",
            approach=[("paragraph", "<p>Samen met partners.</p>")],
            evidence_level=evidence,
            evidence_assessed_on=(
                None if evidence == "praktijkervaring" else datetime.date(2024, 6, 1)
            ),
            restricted_details=restricted,
            first_published_at=timezone.make_aware(
                datetime.datetime.combine(published, datetime.time(12))
            ),
        )
        self.folder(lead).add_child(instance=page)
        page.other_municipalities.set(Municipality.objects.filter(cbs_code__in=others))
        page.themes.set(Theme.objects.filter(slug__in=themes))
        page.intervention_types.set(
            InterventionType.objects.filter(slug__in=interventions)
        )
        page.partner_types.set(PartnerType.objects.filter(slug__in=partners))
        page.tracks.set(Track.objects.filter(slug__in=tracks))
        page.tags.set(list(tags))
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save()
        return page

    def session(self, title, summary="Een leerbijeenkomst.", *, start=None, themes=()):
        start = start or timezone.make_aware(datetime.datetime(2025, 3, 1, 10))
        page = SessionPage(
            title=title,
            slug=f"bijeenkomst-{next(_slugs)}",
            summary=summary,
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue_address="Turfmarkt 147, 2511 DP Den Haag",
            capacity=40,
        )
        self.session_index.add_child(instance=page)
        page.themes.set(Theme.objects.filter(slug__in=themes))
        page.save_revision().publish()
        return page


@pytest.fixture
def site_builder(db):
    return SiteBuilder()


def rebuild_index():
    return get_engine("database").rebuild(all_documents())


@pytest.fixture
def engine(db):
    return get_engine("database")


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts from the same index generation: cached totals and
    # facet counts of an earlier test must not be read.
    from django.core.cache import cache

    from search import bitmaps

    cache.clear()
    bitmaps.forget()
    yield
    cache.clear()
    bitmaps.forget()
