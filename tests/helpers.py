"""What several test modules share that is neither a fixture nor a factory."""

from django.contrib import admin

# Every partnership model an editor manages in the admin, by model name.
CONTENT_MODELS = sorted(
    model._meta.model_name
    for model in admin.site._registry
    if model._meta.app_label == "partnership"
)


def statement_form(**overrides):
    """The admin's add or change form for a press statement, filled in and published."""
    return {
        "title": "Inspection published",
        "slug": "inspection-published",
        "summary": "Our response.",
        "body": "<p>We accept the findings.</p>",
        "spokesperson_name": "",
        "spokesperson_role": "",
        "status": "published",
        "publish_at_0": "12/07/2022",
        "publish_at_1": "10:00:00",
    } | overrides
