"""Lessons flow back: what learning sessions taught about a practice, for its page and
for the search index.

Only lessons of live, public sessions that have ended count. When a session is
published, the practices it has lessons about are indexed again (through the search
app's own `refresh_after_commit`), so their search documents carry the lessons.
"""

from django.utils import timezone

from practices.models import SessionLesson


def lessons_for(practice, now=None):
    """The lessons about `practice`, newest session first, with their session (1 query)."""
    if not practice.pk:
        return []
    from events.models import SessionPage

    sessions = (
        SessionPage.objects.live().public().filter(end__lte=now or timezone.now())
    )
    return list(
        SessionLesson.objects.filter(practice=practice, session__in=sessions)
        .select_related("session")
        .order_by("-session__start", "sort_order")
    )


def lesson_texts(practice):
    """Plain texts of the lessons, for the practice's search document."""
    from search.sources import plain_text

    return [plain_text(lesson.lessons) for lesson in lessons_for(practice)]


def reindex_presented_practices(sender, instance, **kwargs):
    """page_published/unpublished of a session: its practices' documents change too."""
    from search.signals import refresh_after_commit

    practice_ids = list(
        SessionLesson.objects.filter(session=instance).values_list(
            "practice_id", flat=True
        )
    )
    refresh_after_commit(practice_ids)
