"""The search app's own tables: the synonym list, the database engine's denormalised
index, the retry queue of failed index updates and the anonymous query log."""

import re
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from search import analysis


class Synonym(models.Model):
    """Words and acronyms that searchers use for the same thing, such as RIEC."""

    term = models.CharField(
        _("term"),
        max_length=120,
        unique=True,
        help_text=_("Het woord of de afkorting, bijvoorbeeld 'RIEC'."),
    )
    equivalents = models.TextField(
        _("betekent hetzelfde als"),
        help_text=_(
            "Eén woord of woordgroep per regel, bijvoorbeeld 'Regionaal Informatie- en "
            "Expertisecentrum'. Zoeken op een van de vormen vindt ook de andere. "
            "Schrijf afkortingen die ook een gewoon woord zijn (OM) in hoofdletters."
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return self.term

    @property
    def forms(self):
        """The term and its equivalents, as written."""
        lines = [line.strip() for line in self.equivalents.splitlines()]
        return [self.term.strip(), *[line for line in lines if line]]

    @classmethod
    def synonym_set(cls):
        return analysis.SynonymSet(s.forms for s in cls.objects.all())


class SearchDocument(models.Model):
    """One searchable page (a practice or a learning session) as the database engine
    indexes it: display fields plus the pre-normalised terms that full-text search uses.

    SQLite keeps an FTS5 table ``search_fts`` in step through triggers; PostgreSQL a
    generated ``search_vector`` column with a GIN index (see migration 0002).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leeg alleen voor documenten die de benchmark genereert."),
    )
    kind = models.CharField(_("soort"), max_length=20)
    title = models.CharField(_("titel"), max_length=255)
    url = models.CharField(_("adres"), max_length=500)
    date = models.DateField(_("datum"), null=True, blank=True)
    snippet_source = models.TextField(
        _("tekst voor uitsnede"),
        blank=True,
        help_text=_("Samenvatting en begin van de tekst: waaruit de uitsnede komt."),
    )
    municipality = models.CharField(_("gemeente"), max_length=200, blank=True)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    title_terms = models.TextField(_("genormaliseerde titel"))
    body_terms = models.TextField(_("genormaliseerde tekst"))
    indexed_at = models.DateTimeField(_("geïndexeerd"), auto_now=True)
    # The lengths of title_terms and body_terms in characters: the ranking's average
    # field lengths, without reading (on PostgreSQL: de-TOASTing) every text.
    title_length = models.PositiveIntegerField(_("lengte titeltermen"), default=0)
    body_length = models.PositiveIntegerField(_("lengte teksttermen"), default=0)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")
        indexes = [
            models.Index(fields=["-date", "-id"], name="search_doc_newest"),
            models.Index(
                fields=["title_length", "body_length"], name="search_doc_lengths"
            ),
        ]

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    """One facet value of a search document (theme 'witwassen', year '2024', ...)."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)
    label = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(
                fields=["facet", "value", "document"], name="search_facet_value"
            ),
            models.Index(fields=["document", "facet"], name="search_facet_doc"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchFacetKey(models.Model):
    """A facet value's number and latest label. On PostgreSQL every document carries
    the numbers of its facet values in the array column ``facet_keys`` (GIN-indexed,
    see migration 0006), which filters with ``&&`` and counts with ``unnest`` without
    reading SearchFacet; SQLite counts over SearchFacet."""

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)
    label = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value"], name="search_facetkey_unique"
            )
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchIndexState(models.Model):
    """One row: the index generation, bumped by every write to the database engine's
    index (indexing, removal, rebuild) and by every synonym change. Cached totals and
    facet counts are keyed by it, so a write makes every cached entry unreachable."""

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("zoekindexstatus")
        verbose_name_plural = _("zoekindexstatus")

    def __str__(self):
        return f"generation {self.generation}"

    @classmethod
    def current(cls):
        row = cls.objects.filter(pk=1).values_list("generation", flat=True).first()
        return row or 0

    @classmethod
    def bump(cls):
        """A new generation; inside the writer's transaction, so readers switch to it
        exactly when they can see the new data. Random rather than counted, so that a
        restored or recreated database never reuses a generation that a shared cache
        still holds entries for."""
        from home import page_cache

        generation = secrets.randbits(62)
        updated = cls.objects.filter(pk=1).update(generation=generation)
        if not updated:
            cls.objects.update_or_create(pk=1, defaults={"generation": generation})
        # Kept search pages show the old generation's results (after the commit).
        page_cache.invalidate(page_cache.SEARCH)


class IndexedWord(models.Model):
    """A folded word seen in an indexed title or facet label: the vocabulary that
    spelling suggestions ("bedoelde u ...") are chosen from."""

    word = models.CharField(max_length=60, primary_key=True)

    def __str__(self):
        return self.word


class PendingIndexUpdate(models.Model):
    """A page whose index update failed; retried by the next update or by
    ``manage.py rebuild_search_index --retry-pending``."""

    class Action(models.TextChoices):
        INDEX = "index", _("indexeren")
        REMOVE = "remove", _("verwijderen")

    page_id = models.PositiveIntegerField(_("pagina-id"), unique=True)
    action = models.CharField(_("actie"), max_length=10, choices=Action.choices)
    attempts = models.PositiveIntegerField(_("pogingen"), default=1)
    last_error = models.TextField(_("laatste fout"), blank=True)
    updated_at = models.DateTimeField(_("laatste poging"), auto_now=True)

    class Meta:
        verbose_name = _("openstaande indexwijziging")
        verbose_name_plural = _("openstaande indexwijzigingen")

    def __str__(self):
        return f"{self.action} {self.page_id}"


_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\d[\d\s.-]{5,}\d")


def scrub_personal_data(text):
    """Replace e-mail addresses and long numbers (phone, BSN) before a query is logged."""
    text = _EMAIL.sub("[e-mail]", text)
    return _LONG_NUMBER.sub("[nummer]", text)


class QueryLog(models.Model):
    """One public search, without anything that identifies the visitor."""

    query = models.CharField(_("zoekvraag"), max_length=200)
    normalised = models.CharField(_("genormaliseerd"), max_length=500, blank=True)
    result_count = models.PositiveIntegerField(_("aantal resultaten"))
    date = models.DateField(_("datum"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("zoekvraag")
        verbose_name_plural = _("zoekvragen")
        indexes = [models.Index(fields=["normalised"], name="search_querylog_norm")]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query, normalised, result_count):
        query = scrub_personal_data(" ".join(query.split()).lower())[:200]
        if not query:
            return None
        return cls.objects.create(
            query=query, normalised=normalised[:500], result_count=result_count
        )


class SearchSubscription(models.Model):
    """An e-mail address that follows one search ("Volg deze zoekopdracht"): the
    query and filters as the search page takes them, and how often to send a digest.

    Personal data: only the address, kept while the subscription lives. Unconfirmed
    subscriptions are deleted after SEARCH_FOLLOW_UNCONFIRMED_DAYS, unsubscribing
    deletes the row (and what was sent) at once (search/subscriptions.py)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("dagelijks")
        WEEKLY = "weekly", _("wekelijks")

    email = models.EmailField(_("e-mailadres"), max_length=254)
    query = models.CharField(_("zoekvraag"), max_length=analysis.MAX_QUERY_LENGTH)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    query_key = models.CharField(
        _("sleutel van de zoekopdracht"),
        max_length=64,
        help_text=_(
            "SHA-256 van zoekvraag en filters: telt abonnees per zoekopdracht."
        ),
    )
    frequency = models.CharField(
        _("frequentie"), max_length=10, choices=Frequency.choices
    )
    language = models.CharField(_("taal"), max_length=8, default="nl")
    token_salt = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd"), null=True, blank=True)
    # Changes published after this moment are candidates for the next digest.
    checked_until = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(_("laatste overzicht"), null=True, blank=True)

    class Meta:
        verbose_name = _("gevolgde zoekopdracht")
        verbose_name_plural = _("gevolgde zoekopdrachten")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "query_key"], name="search_subscription_unique"
            )
        ]
        indexes = [
            models.Index(fields=["query_key"], name="search_subscription_key"),
            models.Index(
                fields=["confirmed_at", "created_at"], name="search_subscription_conf"
            ),
        ]

    def __str__(self):
        return f"{self.pk}: {self.query_key[:12]}"


class SearchSubscriptionItem(models.Model):
    """A practice or session once sent to a subscription: it is never sent again."""

    subscription = models.ForeignKey(
        SearchSubscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    page_id = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page_id"], name="search_subscription_item"
            )
        ]

    def __str__(self):
        return f"{self.subscription_id}: {self.page_id}"
