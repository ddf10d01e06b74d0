"""The admin home page's lists of content to keep right: reviews due, items published with
warnings, broken links."""

from django import template

from .. import reviews

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
