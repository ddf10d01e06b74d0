"""Where an image is used: foreign keys to it, and references to it in rich text."""

from django.apps import apps
from django_prose_editor.fields import ProseEditorField

from .models import Image


def text_references(image):
    """Objects whose rich text places ``image``, as (model, object) pairs."""
    found = []
    reference = f'data-file="{image.pk}"'
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, ProseEditorField)]
        for name in fields:
            for obj in model._default_manager.filter(**{f"{name}__contains": reference}):
                found.append((model, obj))
    return found


def usages(image):
    """Every object that shows ``image``, as readable strings: "Page: Thresholds (lead image)"."""
    found = []
    for relation in Image._meta.related_objects:
        accessor = relation.get_accessor_name()
        for obj in getattr(image, accessor).all():
            found.append(
                f"{relation.related_model._meta.verbose_name.capitalize()}: {obj} "
                f"({relation.field.verbose_name})"
            )
    for model, obj in text_references(image):
        found.append(f"{model._meta.verbose_name.capitalize()}: {obj} (in its text)")
    return found
