"""Ministry editors: synonyms in the admin (used at once by the search) and the report
of frequent queries and queries without results, hidden from everyone else."""

from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

import pytest

from search.engines import SearchQuery, get_engine
from search.models import QueryLog, Synonym

from .conftest import rebuild_index

pytestmark = pytest.mark.django_db


def admin_user(username, *, editor):
    user = User.objects.create_user(username, password="pw-for-tests")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if editor:
        user.groups.add(Group.objects.get(name="Ministerie-redacteuren"))
    return user


def test_seeded_synonyms_exist():
    riec = Synonym.objects.get(term="RIEC")
    assert riec.forms == ["RIEC", "Regionaal Informatie- en Expertisecentrum"]
    assert Synonym.objects.filter(term="OM").exists()


def test_a_new_synonym_works_without_reindexing(site_builder):
    site_builder.practice("Aanpak van hennepkwekerijen", "Samen tegen wietteelt.")
    rebuild_index()
    engine = get_engine()
    # "blowen" is not among the seeded near-synonyms (cannabis is, since migration 0007).
    assert engine.search(SearchQuery(q="blowen")).total == 0
    Synonym.objects.create(term="blowen", equivalents="hennep\nwiet")
    # Found through the parts of the compounds hennepkwekerijen and wietteelt.
    assert engine.search(SearchQuery(q="blowen")).total == 1
    Synonym.objects.create(term="blowteelt", equivalents="hennepkwekerijen")
    assert engine.search(SearchQuery(q="blowteelt")).total == 1


def test_editors_see_the_query_report(client):
    QueryLog.record("witwassen", "witwass", 4)
    QueryLog.record("witwassen", "witwass", 4)
    QueryLog.record("kernenergie", "kernenergie", 0)
    client.force_login(admin_user("redacteur", editor=True))
    response = client.get(reverse("search_query_report"))
    assert response.status_code == 200
    frequent = response.context["frequent"]
    assert [(r["query"], r["searches"]) for r in frequent] == [
        ("witwassen", 2),
        ("kernenergie", 1),
    ]
    assert [r["query"] for r in response.context["without_results"]] == ["kernenergie"]
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "search-queries" in menu


def test_others_do_not_see_the_query_report(client):
    client.force_login(admin_user("bijdrager", editor=False))
    response = client.get(reverse("search_query_report"))
    # Wagtail's admin answers a permission error with a redirect to its dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "search-queries" not in menu


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("search_query_report"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_editors_can_open_the_synonym_list(client):
    client.force_login(admin_user("redacteur", editor=True))
    response = client.get(reverse("wagtailsnippets_search_synonym:list"))
    assert response.status_code == 200
    assert "RIEC" in response.content.decode()


def test_unknown_period_falls_back_to_ninety_days(client):
    client.force_login(admin_user("redacteur", editor=True))
    response = client.get(reverse("search_query_report"), {"dagen": "abc"})
    assert response.context["days"] == 90


def test_field_near_synonyms_are_seeded():
    forms = {s.term: s.forms for s in Synonym.objects.all()}
    assert "criminaliteit" in forms["misdaad"]
    assert "verdovende middelen" in forms["drugs"]
    assert {"woning", "vastgoed"} <= set(forms["pand"])
    assert "jeugd" in forms["jongeren"]
    assert "witwaspraktijken" in forms["witwassen"]


@pytest.mark.parametrize(
    ("engine", "notice"),
    [("database", "geldt meteen"), ("elasticsearch", "volgende herindexering")],
)
def test_the_admin_says_when_a_synonym_change_applies(client, settings, engine, notice):
    settings.SEARCH_ENGINE = engine
    client.force_login(admin_user("redacteur", editor=True))
    response = client.post(
        reverse("wagtailsnippets_search_synonym:add"),
        {"term": "coffeeshop", "equivalents": "koffieshop"},
        follow=True,
    )
    assert Synonym.objects.filter(term="coffeeshop").exists()
    assert notice in response.content.decode()
