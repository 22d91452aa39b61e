from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_site(sender, using="default", **kwargs):
    from home.links import sync_default_site

    sync_default_site(using=using)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startpagina en referentiegegevens")

    def ready(self):
        # Every deploy runs migrate: the default Site then follows PORTAL_BASE_URL.
        post_migrate.connect(_sync_site, sender=self, dispatch_uid="home.sync_site")
        from home import page_cache

        page_cache.connect()
