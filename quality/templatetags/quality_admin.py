"""The admin home page's lists of content to keep right: reviews due, items published with
warnings, broken links."""

from django import template
from django.urls import reverse
from reversion.models import Revision

from partnership.models import Partner

from .. import checks, partners, reviews, usage
from ..models import CheckedLink, FoundProblem

register = template.Library()

LIMIT = 15


@register.simple_tag(takes_context=True)
def reviews_due(context):
    """What is overdue or due soon: {"mine": [...], "everyone": [...], "more": n}."""
    user = context["request"].user
    everyone = reviews.due_for_review()
    mine = [due for due in everyone if due.item.owner_id == user.pk]
    return {
        "mine": mine[:LIMIT],
        "everyone": everyone[:LIMIT],
        "more": max(0, len(everyone) - LIMIT),
    }


@register.simple_tag
def publishing_checks(item):
    """What the checks before publishing find in ``item`` (None or a new item: nothing)."""
    if item is None or getattr(item, "pk", None) is None:
        return []
    return checks.findings(item)


@register.simple_tag
def published_with_warnings():
    """Published items the checks before publishing found problems in, as last saved."""
    found = []
    for problem in FoundProblem.objects.select_related("content_type")[:LIMIT]:
        model = problem.content_type.model_class()
        if model is None:
            continue
        opts = model._meta
        found.append(
            {
                "title": problem.title,
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[problem.object_id]
                ),
                "kind": str(opts.verbose_name).capitalize(),
                "note": problem.summary,
            }
        )
    return found


@register.simple_tag
def broken_link_count():
    return CheckedLink.objects.filter(ok=False).count()


@register.simple_tag
def where_used(item):
    """Published items that link to ``item`` or show it (pages, publications, images)."""
    if item is None or not usage.is_used_here(type(item)):
        return None
    return usage.used_by(item)


@register.simple_tag
def partner_still_named(item):
    """For a replaced or former partner's form: what still names it (None otherwise)."""
    if not isinstance(item, Partner):
        return None
    return partners.still_named(item)


@register.simple_tag
def replaced_partners_still_named():
    return partners.replaced_partners()


@register.simple_tag(takes_context=True)
def is_new_editor(context):
    """Whether the signed-in editor has never saved anything: the home page tells them where
    to start."""
    return not Revision.objects.filter(user=context["request"].user).exists()
