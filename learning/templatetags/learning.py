from django import template

from ..models import LearningItem

register = template.Library()


@register.simple_tag
def learning_from_review(review):
    """The published learning summaries and briefings drawn from a practice review."""
    return list(LearningItem.objects.published().filter(review=review).order_by("kind", "title"))
