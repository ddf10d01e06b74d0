"""The image library: pictures editors upload once and use on pages, statements and logos."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver

from partnership.models import Content

from .processing import (
    ORIGINALS_FOLDER,
    Rendition,
    delete_files,
    make_renditions,
    open_checked,
)


def new_key():
    return secrets.token_hex(6)


def original_path(instance, filename):
    # Never the uploader's name: it can carry personal details, and nothing serves this file.
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}.get(instance.source_format, "bin")
    return f"{ORIGINALS_FOLDER}{instance.key}.{extension}"


class Image(Content):
    """A picture in the library, with its alternative text, caption and credit."""

    title = models.CharField(
        max_length=200,
        help_text="A name to find it by in the library, e.g. “Family walking in the park”. "
        "Visitors never see it.",
    )
    # A FileField, not an ImageField: the upload is checked by processing.open_checked(), and
    # the size recorded is the picture's once turned upright, not the file's.
    file = models.FileField(
        "image file",
        upload_to=original_path,
        help_text="Visitors get copies resized for their screen, with the camera's details "
        "(including where the photo was taken) removed.",
    )
    alt_text = models.CharField(
        "alternative text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for people who cannot see it, in a sentence, e.g. "
        "“A parent reading with a young child”. Do not start with “Image of”.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the picture adds nothing to the words around it; screen readers "
        "then skip it. Leave the alternative text empty if you tick this.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Optional. Shown under the picture."
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. Who took or owns the picture, e.g. “Photo: Jane Smith”.",
    )
    # Set when the upload is checked; the renditions are stored files listed here, so showing
    # an image never reads a file or asks the database again.
    key = models.CharField(max_length=12, default=new_key, editable=False, unique=True)
    source_format = models.CharField(max_length=4, editable=False, blank=True)
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    renditions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField("uploaded", auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=(Q(decorative=False) & ~Q(alt_text=""))
                | (Q(decorative=True) & Q(alt_text="")),
                name="image_alt_text_or_decorative",
                violation_error_message="Describe the picture in the alternative text, or tick "
                "“decorative” and leave the alternative text empty.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Describe what the picture shows, for people who cannot see it. "
                    "If it is purely decorative, tick “decorative” instead."
                }
            )
        if self.decorative and self.alt_text:
            raise ValidationError(
                {
                    "alt_text": "A decorative picture has no alternative text: empty this box, or "
                    "untick “decorative” if the picture tells visitors something."
                }
            )

    @property
    def alt(self):
        """The alt attribute: empty for a decorative picture, so screen readers skip it."""
        return "" if self.decorative else self.alt_text

    def get_renditions(self):
        return [Rendition(**r) for r in self.renditions]

    def set_checked_upload(self, file):
        """Check an upload (ValidationError if refused) and make it this image's file."""
        picture, self.source_format = open_checked(file)
        self._checked_picture = picture
        self.width, self.height = picture.size
        self.file = file

    def save(self, *args, **kwargs):
        picture = getattr(self, "_checked_picture", None)
        if picture is None:
            return super().save(*args, **kwargs)
        # A new upload: new names, so browsers and proxies holding the old files for ever never
        # show the old picture under the new one's name.
        old_files = self._stored_files() if self.pk else []
        self.key = new_key()
        stored = make_renditions(picture, self.source_format, self.key)
        self.renditions = [r.as_dict() for r in stored]
        try:
            super().save(*args, **kwargs)
        except Exception:
            # Whatever was stored for a save that failed goes too: nothing is left half-saved.
            committed = [self.file.name] if getattr(self.file, "_committed", False) else []
            delete_files([r.name for r in stored] + committed)
            raise
        finally:
            del self._checked_picture
        # The old files go once the new ones are in the database, never before.
        transaction.on_commit(lambda: delete_files(old_files))
        return None

    def _stored_files(self):
        stored = type(self).objects.filter(pk=self.pk).values_list("file", "renditions").first()
        if not stored:
            return []
        return [stored[0], *(r["name"] for r in stored[1])]


@receiver(post_delete, sender=Image)
def delete_image_files(sender, instance, **kwargs):
    """Remove a deleted image's files once the deletion is committed (bulk deletes too)."""
    files = [instance.file.name, *(r["name"] for r in instance.renditions)]
    transaction.on_commit(lambda: delete_files(files))
