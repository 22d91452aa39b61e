from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _attach_review_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from practices.roles import ensure_review_workflow

        ensure_review_workflow(instance)


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijken")

    def ready(self):
        from practices.models import PracticeIndexPage

        # Every practice lives below the index, so the review workflow on the index
        # covers all submissions, from the moment the index exists.
        post_save.connect(
            _attach_review_workflow,
            sender=PracticeIndexPage,
            dispatch_uid="practices_attach_review_workflow",
        )
