from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership content"

    def ready(self):
        from .caching import content_changed
        from .roles import sync_content_editor_permissions

        # Keep the "Content editors" group in step as models are added in later migrations.
        post_migrate.connect(sync_content_editor_permissions, sender=self)
        # Any content edit, from the admin, a restore or a command, makes cached pages stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid="content-changed")
