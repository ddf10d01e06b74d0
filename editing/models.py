"""
Editors' work in progress: none of it is content, none of it reaches the public.

Autosaves and presence are per editor and item; a working copy is a prepared change to one item
that the public does not see until it is published; sign-off rules say which kinds of content need
an approver; sign-off events are the record of who submitted, approved or sent back what.
Everything here names its item by content type and id, so content in any app is covered.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


def item_fields(model, object_id):
    """The fields that name one item (``object_id`` None: a new item not yet saved)."""
    return {
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": "" if object_id is None else str(object_id),
    }


class ItemQuerySet(models.QuerySet):
    def for_item(self, model, object_id):
        """Rows about one item (``object_id`` None: a new item not yet saved)."""
        return self.filter(**item_fields(model, object_id))


class ItemRow(models.Model):
    """A row about one content item, in any app: its type and id (empty for a new item)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def model(self):
        return self.content_type.model_class()

    def item(self):
        """The content item itself, or None for a new item or one deleted since."""
        if not self.object_id or self.model is None:
            return None
        return self.model._default_manager.filter(pk=self.object_id).first()


class Autosave(ItemRow):
    """What one editor last typed in one item's form, kept every few seconds of change.

    Only its editor is offered it back; it is never shown to the public and never in History.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(help_text="The form's fields as posted: {name: [values]}.")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-saved_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("user", "content_type", "object_id"), name="autosave_one_per_item"
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.content_type} {self.object_id or '(new)'} by {self.user}"


class Presence(ItemRow):
    """Who has an item's form open, from when, and when their browser last said so."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("started_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("user", "content_type", "object_id"), name="presence_one_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.user} editing {self.content_type} {self.object_id}"


class WorkingCopyQuerySet(ItemQuerySet):
    def waiting(self):
        """Submitted for approval and not yet decided."""
        return self.filter(state=WorkingCopy.State.SUBMITTED)


class WorkingCopy(ItemRow):
    """A prepared change to one item (or a new item): the public sees the published version
    until it is published.

    It keeps the form as the editor posted it, so publishing it is the same save an editor makes,
    with every check the form makes at that moment.
    """

    class State(models.TextChoices):
        EDITING = "editing", "Being prepared"
        SUBMITTED = "submitted", "Waiting for approval"
        APPROVED = "approved", "Approved, to be published at a set time"
        SENT_BACK = "sent_back", "Sent back for changes"

    data = models.JSONField(help_text="The form's fields as posted: {name: [values]}.")
    files = models.JSONField(
        default=dict, blank=True, help_text="Uploaded files, kept in storage: {name: [path]}."
    )
    # Changes each time the working copy is saved, so a stale form over it is caught.
    revision = models.PositiveIntegerField(default=1)
    # The item's latest version when the working copy was made: publishing over a later change
    # to the published item is a conflict.
    base_version = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=12, choices=State.choices, default=State.EDITING)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When an approved working copy is published."
    )
    comment = models.TextField(blank=True, help_text="The approver's note when sent back.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    title = models.CharField(max_length=300, help_text="What the item is called, for lists.")

    objects = WorkingCopyQuerySet.as_manager()

    class Meta:
        ordering = ("-updated_at",)
        verbose_name_plural = "working copies"
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id"),
                condition=~models.Q(object_id=""),
                name="working_copy_one_per_item",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="approved") | models.Q(publish_at__isnull=False),
                name="working_copy_approved_has_a_time",
            ),
        ]

    def __str__(self):
        return f"Working copy of “{self.title}”"


class ShareLinkQuerySet(models.QuerySet):
    def usable(self, now):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A link that shows one working copy's preview to someone outside the admin, until it
    expires or is revoked, and only while the working copy and the published item are as they
    were when the link was made."""

    working_copy = models.ForeignKey(
        WorkingCopy, on_delete=models.CASCADE, related_name="share_links"
    )
    # Only a hash is kept: the link itself is shown once, to the editor who makes it.
    token_hash = models.CharField(max_length=64, unique=True)
    # What the preview showed when the link was made (share.fingerprint()).
    fingerprint = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(
        max_length=200, blank=True, help_text="Who it is for, e.g. “Police press office”."
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self):
        return f"Share link for {self.working_copy}"

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()


class SignOffRule(models.Model):
    """Whether one kind of content needs an approver before it is published."""

    content_type = models.OneToOneField(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name="kind of content"
    )
    required = models.BooleanField(
        "needs approval",
        help_text="Ticked: authors prepare and submit changes, and only an approver publishes "
        "them. Unticked: anyone who edits this kind of content publishes it.",
    )

    class Meta:
        ordering = ("content_type__model",)
        verbose_name = "sign-off rule"
        permissions = [("approve", "Can approve and publish content that needs approval")]

    def __str__(self):
        name = self.content_type.model_class()._meta.verbose_name_plural if self.model else ""
        return f"{str(name).capitalize()}: {'needs approval' if self.required else 'no approval'}"

    @property
    def model(self):
        return self.content_type.model_class()


class SignOffEvent(ItemRow):
    """One step of sign-off (submitted, approved, sent back), kept for the item's History."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"

    action = models.CharField(max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self):
        return f"{self.get_action_display()} by {self.user} at {self.at:%Y-%m-%d %H:%M}"
