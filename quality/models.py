"""
What keeps published content right after it goes out: reminders sent to owners, the names
that must no longer be used, and what the link checker found.

Everything names its item by content type and id, so content in any app is covered; none of it
is content, none of it is shown to the public.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class ReviewReminder(models.Model):
    """The e-mail that told an item's owner it was due for review: one per item and review
    date, so an owner hears once when it falls due, not every day after."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    review_by = models.DateField()
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-sent_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id", "review_by"),
                name="review_reminder_once_per_review",
            ),
        ]

    def __str__(self):
        return f"Reminder to {self.sent_to} about {self.content_type} {self.object_id}"


def words_pattern(phrase):
    """The pattern that finds ``phrase`` as whole words, any case, any spacing between words.

    Built from escaped words only, so an entry is always plain text: nothing an editor types
    can make a pattern that runs for ever.
    """
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


class RetiredName(models.Model):
    """A name that is out of date ("Clinical Commissioning Group"): published content using it
    is flagged before it goes out."""

    name = models.CharField(
        "retired name",
        max_length=120,
        help_text="A name, phrase or title that must no longer be used, e.g. “Local Safeguarding "
        "Children Board”. Matched as whole words, in any mix of capitals.",
    )
    use_instead = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. What to write instead, e.g. “Integrated Care Board (ICB)”.",
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "retired name"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="retired_name_unique",
                violation_error_message="This name is already on the list.",
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="retired_name_not_empty",
                violation_error_message="Type the name that must no longer be used.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join((self.name or "").split())
        if not re.search(r"\w", self.name):
            raise ValidationError(
                {
                    "name": "Type the name that must no longer be used: words, "
                    "not only spaces or punctuation."
                }
            )

    @property
    def pattern(self):
        return words_pattern(self.name)


class CheckedLink(models.Model):
    """One web address linked from published content, and what the link checker last found."""

    url = models.CharField("web address", max_length=2000, unique=True)
    ok = models.BooleanField(default=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True)
    redirected_to = models.CharField(max_length=2000, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)
    # Where the link is used, as it was when it was checked: [{"title", "kind", "admin_url"}].
    used_on = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("ok", "url")
        verbose_name = "checked link"

    def __str__(self):
        return self.url


class FoundProblem(models.Model):
    """What the checks before publishing found in one published item, kept when it is saved
    (and each night), so the admin home page lists them without checking every item per visit."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=500)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("title",)
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id"), name="found_problem_one_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.summary}"
