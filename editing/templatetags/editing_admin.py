"""The admin home page's lists: what waits for this approver, and this editor's drafts."""

from django import template
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from reversion.models import Version

from partnership.models import Publishable, Status

from ..models import WorkingCopy
from ..signoff import may_approve, name_of

register = template.Library()

LIMIT = 15


def review_url(copy_):
    model = copy_.model
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_working_copy", args=[copy_.pk]
    )


def copy_entry(copy_, note):
    return {
        "title": copy_.title,
        "url": review_url(copy_),
        "kind": str(copy_.model._meta.verbose_name).capitalize(),
        "note": note,
        "at": copy_.updated_at,
    }


@register.simple_tag(takes_context=True)
def waiting_for_approval(context):
    """Working copies submitted for approval, for an approver (None for anyone else)."""
    user = context["request"].user
    if not may_approve(user):
        return None
    waiting = WorkingCopy.objects.waiting().select_related("submitted_by", "content_type")
    return [
        copy_entry(copy_, f"from {name_of(copy_.submitted_by)}")
        for copy_ in waiting[:LIMIT]
        if copy_.model is not None
    ]


@register.simple_tag(takes_context=True)
def your_drafts(context):
    """This editor's working copies not yet published, and the drafts they last saved."""
    user = context["request"].user
    mine = (
        WorkingCopy.objects.filter(Q(created_by=user) | Q(updated_by=user) | Q(submitted_by=user))
        .select_related("content_type")
        .distinct()
    )
    entries = [
        copy_entry(
            copy_, copy_.get_state_display() + (f": “{copy_.comment}”" if copy_.comment else "")
        )
        for copy_ in mine[:LIMIT]
        if copy_.model is not None
    ]
    for model in admin.site._registry:
        if not issubclass(model, Publishable):
            continue
        # Versions name items by their id as text, whatever the type of the item's id.
        saved_by_me = Version.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            revision__user=user,
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        drafts = model._default_manager.filter(Exists(saved_by_me), status=Status.DRAFT)
        for draft in drafts.order_by("-updated_at")[:LIMIT]:
            entries.append(
                {
                    "title": str(draft),
                    "url": reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                        args=[draft.pk],
                    ),
                    "kind": str(model._meta.verbose_name).capitalize(),
                    "note": "Draft",
                    "at": draft.updated_at,
                }
            )
    return sorted(entries, key=lambda e: e["at"], reverse=True)[:LIMIT]
