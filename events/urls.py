"""URLs of the events app outside the page tree: the .ics files.

Wagtail only serves paths that end in a slash, so `<session>/agenda.ics` cannot be a
route of the page; this view finds the page for the path in front of it instead.
"""

from django.urls import re_path

from events import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)agenda\.ics$",
        views.calendar_for_path,
        name="events_calendar",
    ),
]
