from django.apps import AppConfig


class EditingConfig(AppConfig):
    name = "editing"
    verbose_name = "Editing and sign-off"

    def ready(self):
        from django.db.models.signals import post_migrate

        from partnership.signals import scheduled_work

        from .signoff import keep_sign_off_rules
        from .working_copies import publish_due

        # Every content admin, in any app, has a sign-off rule administrators can change.
        post_migrate.connect(keep_sign_off_rules, dispatch_uid="sign-off-rules")
        # Working copies approved for a set time are published when the page cache's version
        # expires at that moment (partnership.page_cache.next_change).
        scheduled_work.connect(publish_due, dispatch_uid="working-copies-due")
