"""The library's upload form: the file is checked by its content before anything is stored."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from .models import Image
from .processing import ACCEPTED_EXTENSIONS


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ("title", "file", "alt_text", "decorative", "caption", "credit")
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
            "alt_text": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A JPEG, PNG or WebP, up to {settings.IMAGE_MAX_UPLOAD_MB} MB. "
            + self.fields["file"].help_text
        )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            # Refused here, beside the field, before a byte is stored.
            self.instance.set_checked_upload(file)
        return file
