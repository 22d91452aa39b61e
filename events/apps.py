from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Leerbijeenkomsten")

    def ready(self):
        from events import signals
        from events.tasks import compose_safety_net
        from home.outbox import register_safety_net

        signals.connect()
        # send_outbox also composes registration mail whose worker died.
        register_safety_net(compose_safety_net)
