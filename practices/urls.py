"""URLs of the practices app outside the page tree. The listing feed is a route of
PracticeIndexPage (/praktijken/feed/), the API is registered in portal/api.py."""

urlpatterns = []
