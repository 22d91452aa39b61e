"""Admin search for reference data: plain substring search in the database.

Reference data is small (342 municipalities, a few dozen terms), so the admin searches it
with the ORM instead of Wagtail's search index. That finds a municipality by part of its
name, a former name or its CBS code ("0363", "GM03"), needs no index to be filled after a
data migration, and can never fail on a field that is missing from the index. The same
fields serve the snippet list and every chooser of the model, also the ones in the page
editor.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

MAX_QUERY_LENGTH = 100


def text_search(queryset, fields, text):
    """Rows where every word of `text` occurs in at least one of `fields`."""
    words = (text or "").strip()[:MAX_QUERY_LENGTH].split()
    for word in words:
        matches_word = Q()
        for field in fields:
            matches_word |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches_word)
    return queryset


class TextSearchForm(BaseFilterForm):
    """The search box of a chooser, searching `search_fields` with `text_search`."""

    search_fields = ()

    q = forms.CharField(
        label=_("Zoekterm"),
        widget=forms.TextInput(attrs={"placeholder": _("Zoeken")}),
        required=False,
        max_length=MAX_QUERY_LENGTH,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = text_search(objects, self.search_fields, query)
            self.is_searching = True
            self.search_query = query
        return objects


class TextSearchChooseMixin:
    @property
    def columns(self):
        viewset = self.model.snippet_viewset
        extra = [
            Column(name, label=self.model._meta.get_field(name).verbose_name)
            for name in getattr(viewset, "chooser_extra_columns", ())
        ]
        return super().columns + extra

    def get_filter_form_class(self):
        fields = self.model.snippet_viewset.search_fields
        return type(
            f"{self.model.__name__}ChooserSearchForm",
            (TextSearchForm,),
            {"search_fields": tuple(fields)},
        )


class TextSearchChooseView(TextSearchChooseMixin, ChooseView):
    pass


class TextSearchChooseResultsView(TextSearchChooseMixin, ChooseResultsView):
    pass


class TextSearchChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TextSearchChooseView
    choose_results_view_class = TextSearchChooseResultsView


class TextSearchIndexView(IndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return text_search(queryset, self.search_fields, self.search_query)


class TextSearchSnippetViewSet(SnippetViewSet):
    """A snippet list and choosers that search `search_fields` in the database."""

    search_backend_name = None
    index_view_class = TextSearchIndexView
    chooser_viewset_class = TextSearchChooserViewSet
    search_fields = ["name"]
    #: Fields shown beside the title in the chooser, to tell similar names apart.
    chooser_extra_columns = ()
