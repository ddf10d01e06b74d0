from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = "Keeping content right"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .checks import forgotten_after_delete, recorded_after_save

        # What the checks find in published content is kept as it is saved, for the admin home.
        post_save.connect(recorded_after_save, dispatch_uid="quality-checks-saved")
        post_delete.connect(forgotten_after_delete, dispatch_uid="quality-checks-deleted")
