from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def announce_content_change(sender, **kwargs):
    """Relay Django's model signals as our own, with the content model as sender."""
    from .signals import content_changed

    content_changed.send(sender=sender)


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership content"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .models import content_models
        from .page_cache import content_changed as drop_cached_pages
        from .roles import sync_role_permissions
        from .signals import content_changed

        # Keep the editors' roles in step as content models are added, in any app.
        post_migrate.connect(sync_role_permissions, dispatch_uid="editor-roles")
        # Any content edit, from the admin, a restore or a command, makes cached pages stale.
        content_changed.connect(drop_cached_pages, dispatch_uid="page-cache")
        # Every app's content models: a later app (events, say) subclasses Content and is covered.
        for model in content_models():
            for signal in (post_save, post_delete):
                signal.connect(announce_content_change, sender=model)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(announce_content_change, sender=field.remote_field.through)
