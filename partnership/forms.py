"""Admin forms whose checks go beyond what the model's fields declare."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from .documents import ACCEPTED_EXTENSIONS, validate_document_upload
from .models import Document


class CurrentFile:
    """The "Currently:" link of a file input, pointed somewhere other than the file's URL."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class DocumentFileInput(forms.ClearableFileInput):
    """A file input whose "Currently:" link opens the document's preview.

    Uploads are not served from MEDIA_URL (only the download view sends them, with safe
    headers), so the widget's usual link to the file would be a dead end.
    """

    preview_url = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.preview_url:
            context["widget"]["value"] = CurrentFile(PurePath(value.name).name, self.preview_url)
        return context


class DocumentAdminForm(forms.ModelForm):
    """Checks an upload's content and size before anything is stored."""

    class Meta:
        model = Document
        # The admin's fieldsets add the other fields.
        fields = ("file",)
        widgets = {"file": DocumentFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "A PDF, Word, Excel, PowerPoint or OpenDocument file, up to "
            f"{settings.DOCUMENT_MAX_UPLOAD_MB} MB. Or give a link to it below (one or the other)."
        )
        if self.instance.pk:
            self.fields["file"].widget.preview_url = reverse(
                "admin:partnership_document_preview", args=(self.instance.pk,)
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            self.instance.file_type = validate_document_upload(file)
            self.instance.file_size = file.size
        return file

    def _post_clean(self):
        refused = self.has_error("file")
        super()._post_clean()
        if refused:
            # Say why the upload was refused, not also the model's "upload a file or a link".
            del self.errors["file"][1:]
