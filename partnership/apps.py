from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership content"

    def ready(self):
        from .roles import sync_content_editor_permissions

        # Keep the "Content editors" group in step as models are added in later migrations.
        post_migrate.connect(sync_content_editor_permissions, sender=self)
