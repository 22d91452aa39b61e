"""URLs of the practices app outside the page tree (feeds, exports)."""

urlpatterns = []
