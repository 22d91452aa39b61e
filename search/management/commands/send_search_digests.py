"""Sends the digests of followed searches, and deletes unconfirmed subscriptions.

    manage.py send_search_digests --frequency daily    # every day, e.g. 07:00
    manage.py send_search_digests --frequency weekly   # every day too: each weekly
                                                        # subscription is sent when due

Idempotent and safe to run from cron or a systemd timer, also twice or at the same time
on two machines: a subscription is handled once per period, locked while it is handled,
and never gets the same page twice (search/subscriptions.py, docs/search.md).
"""

from django.core.management.base import BaseCommand, CommandError

from search import subscriptions
from search.models import SearchSubscription


class Command(BaseCommand):
    help = "Send due search digests (daily or weekly) and delete unconfirmed subscriptions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=SearchSubscription.Frequency.values,
            help="Which subscriptions: daily or weekly.",
        )

    def handle(self, *args, frequency, **options):
        purged = subscriptions.purge_unconfirmed()
        run = subscriptions.send_digests(frequency)
        self.stdout.write(
            f"{frequency}: {run.checked} checked, {run.sent} digests sent with "
            f"{run.items} items, {run.failed} failed; {purged} unconfirmed deleted"
        )
        if run.failed:
            # A non-zero exit makes cron/systemd report it; the failed ones stay due.
            raise CommandError(
                f"{run.failed} digest(s) failed (see the log); they are tried again "
                "by the next run"
            )
