"""
The learning library: 7-minute briefings, learning summaries from reviews, newsletters and
practice guidance, each a web page, tagged by topics editors choose and by readers.

A downloadable version is a publication (``partnership.Document``) the item links to, so every
upload goes through the publications' checks and is served the same safe way. A learning
summary or briefing names the practice review it draws on, and the review's page links back.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from partnership.models import (
    Content,
    ContentQuerySet,
    ForReaders,
    KeepsOldAddresses,
    Publishable,
    PublishableQuerySet,
    for_readers_q,
)
from partnership.rich_text import RichTextField

# Slugs the library's own addresses use: an item may not take them.
RESERVED_SLUGS = {"topics", "feed"}


class Kind(models.TextChoices):
    BRIEFING = "briefing", "7-minute briefing"
    LEARNING_SUMMARY = "learning_summary", "Learning summary"
    NEWSLETTER = "newsletter", "Newsletter"
    PRACTICE_GUIDANCE = "practice_guidance", "Practice guidance"


def kind_slug(kind):
    return kind.replace("_", "-")


def kind_from_slug(slug):
    kind = (slug or "").replace("-", "_")
    return kind if kind in Kind.values else None


class TopicQuerySet(ContentQuerySet):
    def in_use(self):
        """Topics with at least one published item: the ones worth offering as a filter."""
        items = LearningItem.objects.published().filter(topics=OuterRef("pk"))
        return self.filter(Exists(items))


class Topic(Content):
    """A subject the library is organised by, such as neglect or exploitation."""

    name = models.CharField(max_length=100, help_text="E.g. “Neglect”.")
    slug = models.SlugField(
        max_length=100, help_text="The last part of the topic's web address. Filled in."
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional. One or two sentences shown at the top of the topic's page.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ("order", "name")
        constraints = [
            models.UniqueConstraint(fields=("slug",), name="topic_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learning:topic", kwargs={"slug": self.slug})

    def get_feed_url(self):
        return reverse("learning:topic-feed", kwargs={"slug": self.slug})


class LearningItemQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-publish_at", "-id")

    def for_readers(self, readers):
        return self.filter(for_readers_q(readers))


class LearningItem(KeepsOldAddresses, ForReaders, Publishable):
    """A 7-minute briefing, learning summary, newsletter or piece of practice guidance."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text="The last part of the web address. Filled in from the title.",
    )
    kind = models.CharField(
        "type",
        max_length=20,
        choices=Kind.choices,
        default=Kind.BRIEFING,
        help_text="A 7-minute briefing prints on two sides of A4 for a team meeting: keep it to "
        "seven short headed sections.",
    )
    summary = models.CharField(
        max_length=300, help_text="Shown in lists, feeds and search. Keep under 300 characters."
    )
    body = RichTextField(
        help_text="The briefing or guidance itself, with headings. Links are written out when "
        "it is printed.",
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="items",
        help_text="The subjects it is about. Each topic has its own page and feed.",
    )
    download = models.ForeignKey(
        "partnership.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_versions",
        verbose_name="downloadable version",
        help_text="Optional. A publication holding a printable or downloadable version (a PDF, "
        "say): add it under Publications first, then choose it here.",
    )
    review = models.ForeignKey(
        "partnership.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning",
        limit_choices_to={"kind": "review"},
        verbose_name="practice review",
        help_text="For a learning summary or briefing from a review: the practice review it "
        "draws on. The review's page links here, even after the review is archived.",
    )

    objects = LearningItemQuerySet.as_manager()

    class Meta:
        ordering = ("-publish_at", "-id")
        verbose_name = "learning item"
        indexes = [
            models.Index(
                fields=("status", "-publish_at", "-id"), name="learning_publication_order"
            ),
            models.Index(
                fields=("unpublish_at",),
                condition=Q(unpublish_at__isnull=False),
                name="learning_unpublish_at",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("slug",),
                name="learning_unique_slug",
                violation_error_code="unique",
                violation_error_message="Another learning item already uses this web address.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:item-detail", kwargs={"slug": self.slug})

    @property
    def kind_slug(self):
        return kind_slug(self.kind)

    @property
    def is_briefing(self):
        return self.kind == Kind.BRIEFING

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is used by the library's pages. Choose another."
        if self.review_id and self.review.kind != "review":
            errors["review"] = "Choose a child safeguarding practice review."
        if errors:
            raise ValidationError(errors)
