"""manage.py rebuild_search_index: rebuild the public search index of either engine.

Wagtail 8 ships ``update_index``, ``wagtail_update_index`` and
``rebuild_modelsearch_index`` (Wagtail's own admin search), but no command of this name,
so nothing is overridden; the search app is listed before wagtail in INSTALLED_APPS in
any case.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.engines import ENGINES, get_engine
from search.models import PendingIndexUpdate
from search.signals import refresh_pages
from search.sources import all_documents, count_documents


class Progress:
    """A one-line progress bar on a terminal; a line per batch otherwise."""

    def __init__(self, stdout, total, width=30):
        self.stdout = stdout
        self.total = total
        self.width = width
        self.tty = getattr(stdout, "isatty", lambda: False)()
        self.started = time.perf_counter()

    def __call__(self, done):
        fraction = done / self.total if self.total else 1
        filled = int(self.width * fraction)
        elapsed = time.perf_counter() - self.started
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{self.total} ({fraction:.0%}, {elapsed:.1f} s)"
        if self.tty:
            self.stdout.write("\r" + line, ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def finish(self):
        if self.tty:
            self.stdout.write("")


class Command(BaseCommand):
    help = (
        "Bouwt de zoekindex van het portaal opnieuw op uit alle gepubliceerde, "
        "openbare praktijken en leerbijeenkomsten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Aantal documenten per schrijfactie (standaard 500).",
        )
        parser.add_argument(
            "--engine",
            choices=sorted(ENGINES),
            default=None,
            help="Zoekmachine (standaard SEARCH_ENGINE uit de instellingen).",
        )
        parser.add_argument(
            "--retry-pending",
            action="store_true",
            help="Alleen mislukte indexwijzigingen opnieuw proberen.",
        )

    def handle(self, *args, batch_size, engine, retry_pending, **options):
        if batch_size < 1:
            raise CommandError("--batch-size moet 1 of groter zijn.")
        name = engine or settings.SEARCH_ENGINE
        if retry_pending:
            return self.retry_pending()
        search_engine = get_engine(name)
        started = time.perf_counter()
        total = count_documents()
        self.stdout.write(f"Zoekindex ({name}) opnieuw opbouwen: {total} documenten.")
        progress = Progress(self.stdout, total)
        try:
            count = search_engine.rebuild(
                all_documents(), batch_size=batch_size, progress=progress
            )
        except Exception as error:
            progress.finish()
            raise CommandError(
                f"Opnieuw opbouwen mislukt; de oude index blijft in gebruik: {error}"
            ) from error
        progress.finish()
        elapsed = time.perf_counter() - started
        rate = count / elapsed if elapsed else 0
        PendingIndexUpdate.objects.all().delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {count} documenten in {elapsed:.1f} s ({rate:.0f} per seconde)."
            )
        )

    def retry_pending(self):
        pending = list(PendingIndexUpdate.objects.values_list("page_id", flat=True))
        if not pending:
            self.stdout.write("Geen openstaande indexwijzigingen.")
            return
        refresh_pages(pending)
        left = PendingIndexUpdate.objects.count()
        self.stdout.write(
            f"{len(pending) - left} van {len(pending)} indexwijzigingen verwerkt."
        )
        if left:
            raise CommandError(
                f"{left} indexwijzigingen mislukten opnieuw; zie het log."
            )
