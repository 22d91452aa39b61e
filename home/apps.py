from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startpagina en referentiegegevens")

    def ready(self):
        from home import page_cache

        page_cache.connect()
