"""
Posting kept form data through the admin's own view, as a given editor.

Publishing a working copy, checking one before it is kept, and previewing it are each the save an
editor makes from the form, run again with the kept data: every check the form, its inline rows
and the model make applies, and django-reversion records the version as for any save. A trial
runs in a transaction that is rolled back, so nothing of it stays: not the rows, not the version,
not a redirect made for a moved page, not an uploaded file.
"""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.messages.storage.base import BaseStorage
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.datastructures import MultiValueDict

from .formdata import as_querydict


class KeptMessages(BaseStorage):
    """Messages the replayed view adds, kept here for the caller to pass on or drop."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


def posting(data, files, user, mode, like=None):
    """A POST request carrying ``data`` and ``files``, made by ``user``.

    ``mode`` tells the form's checks what the post is for: "working_copy" (kept, not published),
    "publish" or "preview". ``like`` lends its host and path, for any address the view builds.
    """
    request = HttpRequest()
    request.method = "POST"
    request.META = dict(like.META) if like is not None else site_meta()
    request.META.pop("QUERY_STRING", None)
    request.path = request.path_info = like.path if like is not None else "/"
    request.GET = QueryDict()
    request.POST = data if isinstance(data, QueryDict) else as_querydict(data)
    request.FILES = files if files is not None else MultiValueDict()
    request.COOKIES = {}
    request.user = user
    request.session = getattr(like, "session", None)
    request._messages = KeptMessages(request)
    # The request that led here passed the CSRF check, or is the scheduled publishing itself.
    request._dont_enforce_csrf_checks = True
    request.editing_mode = mode
    return request


def site_meta():
    """Where a request made by the site itself (scheduled publishing) says it is addressed."""
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    return {
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "https",
    }


def messages_of(request):
    return [str(message) for message in request._messages._queued_messages]


def kept_files(files):
    """Files kept with a working copy ({name: [path]}) as uploads the form can check again."""
    uploads = MultiValueDict()
    for name, paths in files.items():
        for path in paths:
            if default_storage.exists(path):
                upload = UploadedFile(
                    default_storage.open(path, "rb"),
                    name=path.rsplit("/", 1)[-1],
                    size=default_storage.size(path),
                )
                uploads.appendlist(name, upload)
    return uploads


def stored_file_names(model, pk):
    """The names of the files an item's file fields hold in the database now."""
    fields = [f.attname for f in model._meta.fields if isinstance(f, models.FileField)]
    if not fields or pk in (None, ""):
        return set()
    row = model._default_manager.filter(pk=pk).values_list(*fields).first() or ()
    return {name for name in row if name}


class RolledBack(Exception):
    pass


@contextmanager
def rolled_back(model, pk):
    """Run a trial whose database changes are all undone afterwards, and files it stored too.

    Yields a dict the trial may fill (``pk``: the item it saved, for a new one).
    """
    before = stored_file_names(model, pk)
    outcome = {"pk": pk}
    try:
        with transaction.atomic():
            yield outcome
            after = stored_file_names(model, outcome["pk"])
            raise RolledBack
    except RolledBack:
        for name in after - before:
            default_storage.delete(name)


def succeeded(response):
    """Whether the admin's change or add view saved (it redirects) rather than showing the form
    again with what is wrong."""
    return isinstance(response, HttpResponseRedirect)


def errors_of(response):
    """What the admin's form said was wrong, as sentences."""
    context = getattr(response, "context_data", None) or {}
    found = []
    form = getattr(context.get("adminform"), "form", None)
    if form is not None:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else None
            found += [f"{label}: {e}" if label else e for e in errors]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        found += list(formset.non_form_errors())
        for errors in formset.errors:
            for name, messages in errors.items():
                found += [f"{formset.model._meta.verbose_name} {name}: {m}" for m in messages]
    return found or ["The form could not be saved."]
