"""Relevance of the database engine, on SQLite and on PostgreSQL (DATABASE_URL set):
a corpus of Dutch practices and sessions and the queries it must answer."""

from django.db import connection

import pytest

from .conftest import rebuild_index
from .relevance import CASES, build_corpus, check

pytestmark = pytest.mark.django_db


def test_there_are_at_least_25_queries():
    assert len([case for case in CASES if case.q]) >= 25


def test_relevance_suite(site_builder, engine):
    build_corpus(site_builder)
    rebuild_index()
    failures = check(engine)
    assert not failures, f"on {connection.vendor}:\n" + "\n".join(failures)


def test_the_suite_can_fail(site_builder, engine):
    # Without the synonym list the acronym and synonym cases must fail: the suite
    # really measures something.
    from search.models import Synonym

    build_corpus(site_builder)
    rebuild_index()
    Synonym.objects.all().delete()
    failures = "\n".join(check(engine))
    assert "'OM'" in failures
    assert "'ondermijning'" in failures
