"""Reactions to editors publishing a session: inform everybody when it is cancelled,
and offer seats to the waitlist when the capacity went up."""

import logging

from django.db import transaction

from wagtail.signals import page_published

from events import services
from events.models import SessionPage

logger = logging.getLogger(__name__)


def session_published(sender, instance, **kwargs):
    session = instance.specific if not isinstance(instance, SessionPage) else instance

    def react():
        try:
            if session.is_cancelled:
                services.notify_session_cancelled(session.pk)
            else:
                services.promote_waitlist_for(session.pk)
        except Exception:  # publishing must never fail because of this
            logger.exception("After publishing session %s", session.pk)

    transaction.on_commit(react)


def connect():
    page_published.connect(
        session_published, sender=SessionPage, dispatch_uid="events.session_published"
    )
