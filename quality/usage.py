"""
"Where is this used": the published items that link to a page, a publication or an image, so an
editor sees them before changing or deleting it.
"""

from urllib.parse import urlsplit

from django.db import models
from django_prose_editor.fields import ProseEditorField

from images.models import Image
from partnership.models import Document, Page, content_models

from .checks import Outline
from .links import internal_path, published_links
from .reviews import admin_url, in_service


def normal(path):
    path = urlsplit(path).path or "/"
    return path if path.endswith("/") else path + "/"


def addresses(item):
    """The site's addresses that show ``item``."""
    if isinstance(item, Document):
        return {normal(item.get_absolute_url()), normal(item.download_url)}
    if isinstance(item, Page):
        return {normal(item.get_absolute_url())}
    return set()


def use_of(other):
    return {
        "title": str(other),
        "kind": str(other._meta.verbose_name).capitalize(),
        "admin_url": admin_url(other),
    }


def image_uses(image):
    """Published items that show ``image``: in their rich text, or as a lead image or logo."""
    uses = []
    for model in content_models():
        rich = [f for f in model._meta.concrete_fields if isinstance(f, ProseEditorField)]
        pictures = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is Image
        ]
        if not rich and not pictures:
            continue
        query = models.Q(pk__in=[])
        for f in rich:
            query |= models.Q(**{f"{f.name}__contains": f'data-file="{image.pk}"'})
        for f in pictures:
            query |= models.Q(**{f.name: image.pk})
        for other in in_service(model).filter(query):
            found = any(
                attrs.get("data-file") == str(image.pk)
                for f in rich
                for attrs in Outline(getattr(other, f.name)).images
            ) or any(getattr(other, f"{f.name}_id") == image.pk for f in pictures)
            if found:
                uses.append(use_of(other))
    return uses


def used_by(item):
    """Published items that link to ``item`` (or show it, for an image), without ``item``."""
    if item is None or getattr(item, "pk", None) is None:
        return []
    if isinstance(item, Image):
        return image_uses(item)
    wanted = addresses(item)
    if not wanted:
        return []
    own = admin_url(item)
    seen, uses = set(), []
    # Only items whose links contain the address (without its last slash) are read.
    for url, users in published_links([a.rstrip("/") for a in wanted]).items():
        path = internal_path(url)
        if path is None or normal(path) not in wanted:
            continue
        for use in users:
            if use["admin_url"] != own and use["admin_url"] not in seen:
                seen.add(use["admin_url"])
                uses.append(use)
    return sorted(uses, key=lambda use: use["title"])


def is_used_here(model):
    return model in (Document, Page, Image)
