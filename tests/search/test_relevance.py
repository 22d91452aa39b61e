"""Relevance of the database engine, on SQLite and on PostgreSQL (DATABASE_URL set):
a corpus of Dutch practices and sessions and the queries it must answer."""

import json
import os
from pathlib import Path

from django.core.management import call_command
from django.db import connection

import pytest

from .conftest import rebuild_index
from .relevance import (
    CASES,
    CORPUS,
    JUDGED,
    NOTHING_RELEVANT,
    RECORDED,
    build_corpus,
    check,
    evaluate,
)

pytestmark = pytest.mark.django_db

# The top 10 of every query of the judged set, recorded on SQLite: PostgreSQL must
# give the very same order. After a deliberate change of content or ranking, record
# again with RECORD_RELEVANCE=1 (and say why in the commit).
TOP10 = Path(__file__).parent / "fixtures" / "relevance_top10.json"


def test_there_are_at_least_80_queries_from_every_user_group():
    queries = [case for case in CASES if case.q] + JUDGED
    assert len(queries) + len(NOTHING_RELEVANT) >= 80
    assert {judged.group for judged in JUDGED} == {"M", "N", "B"}


def test_every_judged_document_exists():
    from practices.demo_data import PRACTICES

    titles = {title for _kind, title, _summary, _options in CORPUS}
    titles |= {practice["title"] for practice in PRACTICES}
    from events import demo as events_demo

    source = Path(events_demo.__file__).read_text()
    for judged in JUDGED:
        for title in judged.expected + judged.also:
            assert title in titles or f'"{title}"' in source, title


def test_relevance_suite(site_builder, engine):
    build_corpus(site_builder)
    rebuild_index()
    failures = check(engine)
    assert not failures, f"on {connection.vendor}:\n" + "\n".join(failures)


def test_relevance_figures_do_not_drop(site_builder, engine):
    # The demo content and the suite's own documents are each other's noise.
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    build_corpus(site_builder)
    rebuild_index()
    figures = evaluate(engine)
    report = "\n".join(
        f"  RR {rr:.2f} nDCG {ndcg:.2f} {key}: {figures.top10[key][:3]}"
        for key, rr, ndcg in figures.per_query
        if rr < 1
    )
    print(
        f"{connection.vendor}: MRR@10 {figures.mrr:.4f}, nDCG@10 {figures.ndcg:.4f}, "
        f"zero results {figures.zero_results}, noise {figures.noise_hits}, "
        f"{figures.queries} queries\n{report}"
    )
    assert figures.mrr >= RECORDED["mrr"], report
    assert figures.ndcg >= RECORDED["ndcg"], report
    assert figures.zero_results <= RECORDED["zero_results"]
    assert figures.noise_hits <= RECORDED["noise_hits"]
    if os.environ.get("RECORD_RELEVANCE"):
        TOP10.write_text(json.dumps(figures.top10, indent=1, ensure_ascii=False))
    recorded = json.loads(TOP10.read_text())
    differences = [
        f"{key}: {recorded.get(key)} != {titles}"
        for key, titles in figures.top10.items()
        if recorded.get(key) != titles
    ]
    assert not differences, f"on {connection.vendor}:\n" + "\n".join(differences)


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
