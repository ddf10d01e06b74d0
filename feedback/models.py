"""What visitors said about a page: “Is this page useful?”, and an optional comment.

Nothing that identifies the visitor is stored: no address, no cookie, no time of day.
"""

from django.db import models
from django.db.models import Count, Q

COMMENT_MAX_LENGTH = 1000


class FeedbackQuerySet(models.QuerySet):
    def scores(self):
        """Each page's answers, the most answered first: [{"page", "yes", "no", "comments"}]."""
        return (
            self.values("page")
            .annotate(
                yes=Count("id", filter=Q(useful=True)),
                no=Count("id", filter=Q(useful=False)),
                comments=Count("id", filter=~Q(comment="")),
            )
            .order_by((models.F("yes") + models.F("no")).desc(), "page")
        )


class Feedback(models.Model):
    """One visitor's answer to “Is this page useful?” about one page."""

    page = models.CharField(max_length=200, help_text="The address of the page, e.g. /vision/.")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    # The day only: enough to see a trend, too coarse to match a visit in a server's records.
    received_on = models.DateField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ("-received_on", "-id")
        verbose_name = "feedback"
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(page__startswith="/"), name="feedback_page_is_a_path"
            ),
        ]

    def __str__(self):
        return f"{self.page}: {'useful' if self.useful else 'not useful'}"
