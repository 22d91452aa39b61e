"""The sort options read as options: with a capital (issue 12)."""

import pytest

from search.engines import SORTS


def test_sort_labels_start_with_a_capital():
    assert all(str(label)[0].isupper() for label in SORTS.values())


@pytest.mark.django_db
def test_the_search_page_offers_them_so(client, home_page):
    html = client.get("/zoeken/", {"q": "wijk"}).content.decode()
    assert ">Relevantie</option>" in html
    assert ">relevantie<" not in html
