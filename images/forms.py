"""The library's upload form: the file is checked by its content before anything is stored."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from .models import Image
from .processing import ACCEPTED_EXTENSIONS
from .rendering import largest_url


class CurrentPicture:
    """The "Currently:" link of the file input: the largest rendition, never the original."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class ImageFileInput(forms.ClearableFileInput):
    # The original is never served, so "Currently:" links to the largest rendition instead.
    image = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.image is not None:
            context["widget"]["value"] = CurrentPicture(
                f"{self.image.width} × {self.image.height} pixels", largest_url(self.image)
            )
        return context


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ("title", "file", "alt_text", "decorative", "caption", "credit")
        widgets = {
            "file": ImageFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
            "alt_text": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A JPEG, PNG or WebP, up to {settings.IMAGE_MAX_UPLOAD_MB} MB. "
            + self.fields["file"].help_text
        )
        if self.instance.pk:
            self.fields["file"].widget.image = self.instance

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            # Refused here, beside the field, before a byte is stored.
            self.instance.set_checked_upload(file)
        return file
