from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Visitor feedback"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import let_editors_read_feedback

        post_migrate.connect(let_editors_read_feedback, dispatch_uid="feedback-editors")
