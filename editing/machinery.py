"""
What every content admin gets from the editing app, with no code of its own (``EditingAdmin``,
mixed into ``partnership.editorial.ContentAdmin``):

- the form's check code, autosave, presence and the heartbeat that keeps an active editor's
  session alive (with static/js/editing.js);
- the form kept over a sign-in, put back when the editor returns;
- a save over someone else's later change refused, with who changed what, to merge or overwrite;
- working copies of live content, previewed, shared, submitted, approved and published now or at
  a set time;
- sign-off: whatever an editor posts, nothing reaches the public unless ``may_publish`` says so;
- bulk publish, unpublish and submit in every list.
"""

import copy
import datetime
import secrets
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import strip_tags
from django.views.decorators.cache import never_cache
from reversion import set_comment
from reversion.models import Version

from partnership import dates, page_cache
from partnership.history import FieldChange, field_changes
from partnership.models import Publishable, Status
from partnership.signals import content_changed

from . import kept_forms, share, signoff
from .formdata import as_querydict, field_data, form_data, kept
from .models import Autosave, Presence, SignOffEvent, WorkingCopy, item_fields
from .replay import (
    errors_of,
    kept_files,
    messages_of,
    posting,
    rolled_back,
    succeeded,
)
from .tokens import FormToken, read, read_or_none
from .versions import Snapshot, base_version, changed_by_form, content_changes, latest_version


def beat_seconds():
    """How often an active editor's browser renews the session: a quarter of the idle time,
    between 5 seconds and a minute."""
    return max(5, min(60, settings.SESSION_COOKIE_AGE // 4))


def presence_window():
    """How long after its last heartbeat an open form still counts as being edited."""
    return datetime.timedelta(seconds=3 * beat_seconds())


def local_time(moment):
    return formats.date_format(timezone.localtime(moment), "H:i")


def local_moment(value):
    return dates.moment(value)


def rule_broken_by(obj):
    """What the item's own rules say against saving it as it now is (a list action changed its
    status), or an empty string. The form checks the same rules when an editor saves."""
    try:
        obj.clean()
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@dataclass
class Conflict:
    """A save over changes made since the form was opened: who, and what they changed."""

    who: list
    changes: list = field(default_factory=list)
    rows_changed: bool = False
    # What the editor confirms having seen to save over it ("_editing_seen").
    seen: str = ""
    working_copy: bool = False

    @property
    def message(self):
        names = ", ".join(f"{name} at {when}" for name, when in self.who)
        where = "the working copy of this item" if self.working_copy else "this item"
        return (
            f"{names or 'Someone'} saved {where} after you opened it. Nothing has been saved; "
            "what you typed is still below. Read their changes, then choose how to save."
        )


class ApproveForm(forms.Form):
    NOW, LATER = "now", "later"

    when = forms.ChoiceField(
        label="When",
        choices=((NOW, "Publish now"), (LATER, "Publish at a set time")),
        initial=NOW,
        widget=forms.RadioSelect,
    )
    publish_at = forms.SplitDateTimeField(
        label="Publish at", required=False, widget=AdminSplitDateTime
    )
    overwrite = forms.BooleanField(
        label="Publish over the change made to the published version since", required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == self.LATER:
            moment = cleaned.get("publish_at")
            if moment is None:
                self.add_error("publish_at", "Choose the date and time to publish it.")
            elif moment <= timezone.now():
                self.add_error("publish_at", "That time has passed: choose a later one.")
        return cleaned


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What needs changing",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The author sees this with the working copy, and by e-mail.",
    )


class ShareForm(forms.Form):
    note = forms.CharField(
        label="Who it is for",
        max_length=200,
        required=False,
        help_text="E.g. “Police press office”.",
    )
    days = forms.IntegerField(
        label="Days until it expires", min_value=1, max_value=30, initial=share.DEFAULT_DAYS
    )


class EditingAdmin:
    """Editing, conflicts, working copies and sign-off for a content model's admin."""

    change_form_template = "admin/editing/change_form.html"
    # Whether this kind of content needs approval until administrators decide otherwise.
    sign_off_by_default = False

    # --- Who may do what ----------------------------------------------------------------------

    def may_publish(self, request):
        return signoff.may_publish(request.user, self.model)

    def needs_sign_off(self):
        return signoff.requires_sign_off(self.model)

    def is_publishable(self):
        return issubclass(self.model, Publishable)

    def would_be_public(self, form, obj):
        if self.is_publishable():
            status = form.cleaned_data.get("status", obj.status if obj else Status.DRAFT)
            return status == Status.PUBLISHED
        return True

    def refusal(self):
        name = self.model._meta.verbose_name_plural
        return (
            f"Only an approver can publish {name}: nothing has been published. Save a working "
            "copy or submit it for approval."
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not (signoff.reaches_public(obj) and not self.may_publish(request))

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not self.may_publish(request):
            protected += [
                f"“{obj}” is on the public site or set to be: only an approver can delete it."
                for obj in objs
                if signoff.reaches_public(obj)
            ]
        return deleted, counts, perms_needed, protected

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if changelist.list_editable and not self.may_publish(request):
            # Editing in the list saves straight to the public site.
            changelist.list_editable = ()
        return changelist

    # --- The form -----------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        model_admin = self
        was_public = signoff.reaches_public(obj)
        # A preview replays the working copy as an approver's publishing would, inside a
        # transaction that is rolled back: the author who submitted it sees what it changes.
        previewing = getattr(request, "editing_mode", None) == "preview"
        limit_status = not was_public and not self.may_publish(request) and not previewing

        class EditingForm(form_class):
            def __init__(self, *args, **kw):
                # A form put back (autosave, working copy, kept over a sign-in) is shown bound,
                # exactly as it was posted.
                data = getattr(request, "editing_data", None)
                if data is not None and not args and kw.get("data") is None:
                    kw["data"] = data
                super().__init__(*args, **kw)
                if limit_status and "status" in self.fields:
                    self.fields["status"].choices = [
                        c for c in self.fields["status"].choices if c[0] != Status.PUBLISHED
                    ]
                    self.fields[
                        "status"
                    ].help_text = "Only an approver can publish this: use “Submit for approval”."

            def clean(self):
                cleaned = super().clean()
                model_admin.check_post(request, self, obj, was_public)
                return cleaned

        EditingForm.__name__ = form_class.__name__
        return EditingForm

    def form_class_for(self, request, obj):
        fieldsets = self.get_fieldsets(request, obj)
        return self.get_form(
            request, obj, change=obj is not None, fields=flatten_fieldsets(fieldsets)
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = getattr(request, "editing_data", None)
        if data is not None and request.method != "POST":
            kwargs.update(data=data, files=None)
        return kwargs

    def check_post(self, request, form, obj, was_public):
        """Refuse a stale form, and a save that would publish what the editor may not."""
        if request.method != "POST" or getattr(request, "editing_mode", "save") == "preview":
            return
        mode = getattr(request, "editing_mode", "save")
        value = request.POST.get("_editing")
        if value is not None and mode != "publish":
            token = read_or_none(value)
            if token is None or token.user != request.user.pk:
                form.add_error(
                    None,
                    "This form's check code is not one this site made for you, so it was not "
                    "saved. What you typed is below: reload the page to edit the latest version.",
                )
                return
            conflict = self.find_conflict(request, form, obj, token)
            if conflict is not None:
                form.editing_conflict = conflict
                form.add_error(None, conflict.message)
        if (
            mode == "save"
            and (was_public or self.would_be_public(form, obj))
            and not self.may_publish(request)
        ):
            if not was_public and "status" in form.fields:
                form.add_error("status", self.refusal())
            else:
                form.add_error(None, self.refusal())

    def find_conflict(self, request, form, obj, token):
        seen = request.POST.get("_editing_seen", "")
        overwrite = request.POST.get("_editing_resolve") == "overwrite"
        copy_ = self.working_copy_of(obj, token)
        if token.copy and (copy_ is None or copy_.revision != token.revision):
            stamp = f"w{copy_.revision}" if copy_ else "w0"
            if overwrite and seen == stamp:
                return None
            who = (
                [(signoff.name_of(copy_.updated_by), local_time(copy_.updated_at))] if copy_ else []
            )
            changes = []
            if copy_:
                posted = kept(request.POST)
                for name, bound in form.fields.items():
                    keys = field_data(form[name]).keys()
                    theirs = " ".join(v for k in keys for v in copy_.data.get(k, []))
                    yours = " ".join(v for k in keys for v in posted.get(k, []))
                    if theirs != yours:
                        label = str(bound.label or name).capitalize()
                        changes.append(
                            FieldChange(label, strip_tags(yours), strip_tags(theirs), name)
                        )
            return Conflict(who, changes, seen=stamp, working_copy=True)
        if obj is None:
            return None
        latest = latest_version(obj)
        if latest is None or latest.pk == token.base:
            return None
        older = Version.objects.filter(pk=token.base).first() if token.base else None
        changes, rows_changed = content_changes(self.model, older, latest)
        if not changes and not rows_changed:
            return None
        if overwrite and seen == f"v{latest.pk}":
            return None
        newer = (
            Version.objects.get_for_object(obj)
            .filter(pk__gt=token.base)
            .select_related("revision__user")
            .order_by("pk")
        )
        who = [
            (signoff.name_of(v.revision.user), local_time(v.revision.date_created)) for v in newer
        ]
        yours = changed_by_form(form, older)
        for change in changes:
            change.yours = change.name in yours
        return Conflict(who, changes, rows_changed, seen=f"v{latest.pk}")

    # --- Views --------------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("editing/", never_cache(self.heartbeat_view), name=f"{name}_editing"),
            path(
                "working-copy/<int:pk>/",
                wrap(self.working_copy_view),
                name=f"{name}_working_copy",
            ),
            # Not ".../preview/": PublishableAdmin's "<path:object_id>/preview/" comes first.
            path(
                "working-copy/<int:pk>/as-published/",
                wrap(self.working_copy_preview_view),
                name=f"{name}_working_copy_preview",
            ),
            *super().get_urls(),
        ]

    def url(self, view, *args):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args
        )

    # The editing machinery's own posts are answered before django-reversion opens its revision
    # for the request (VersionAdmin.add_view, change_view): a trial save inside that revision
    # would leave a version of what was rolled back.

    def add_view(self, request, form_url="", extra_context=None):
        answered = self.editing_post(request, None, form_url, extra_context)
        return answered or super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        answered = self.editing_post(request, object_id, form_url, extra_context)
        if answered:
            return answered
        if request.method == "GET" and not getattr(request, "editing_mode", None):
            # The first version too is kept outside the request's revision, which would hold it
            # back until the response is made.
            base_version(self.get_object(request, unquote(object_id)))
        return super().change_view(request, object_id, form_url, extra_context)

    def editing_post(self, request, object_id, form_url, extra_context):
        """Autosave, discarding it, merging, and keeping a working copy: or None."""
        if request.method != "POST" or getattr(request, "editing_mode", None):
            return None
        post = request.POST
        if "_autosave" in post:
            return self.autosave(request, object_id)
        if "_editing_discard" in post:
            Autosave.objects.for_item(self.model, object_id and unquote(object_id)).filter(
                user=request.user
            ).delete()
            messages.info(request, "The kept copy was discarded.")
            return HttpResponseRedirect(request.path)
        if post.get("_editing_resolve") == "merge" and object_id:
            return self.merge(request, object_id, form_url, extra_context)
        if "_working_copy" in post or "_submit" in post:
            return self.save_working_copy(request, object_id, submit="_submit" in post)
        return None

    def revision_view(self, request, *args, **kwargs):
        request.editing_revision = True
        return super().revision_view(request, *args, **kwargs)

    def recover_view(self, request, *args, **kwargs):
        request.editing_revision = True
        return super().recover_view(request, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        events = SignOffEvent.objects.for_item(self.model, unquote(object_id)).select_related(
            "user"
        )
        extra_context = {"sign_off_events": events, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def heartbeat_view(self, request):
        """GET from an open form while its editor is active: the session is renewed on the way
        (AdminSessionIdleMiddleware), the CSRF token sent back, and who else is editing told."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return JsonResponse({"signed_in": False}, status=401)
        object_id = request.GET.get("id", "")[:64]
        others = []
        if object_id and self.has_view_or_change_permission(request):
            self.record_presence(request, object_id)
            others = self.others_editing(request, object_id)
        return JsonResponse({"signed_in": True, "csrf_token": get_token(request), "others": others})

    def record_presence(self, request, object_id):
        now = timezone.now()
        presence, made = Presence.objects.get_or_create(
            **item_fields(self.model, object_id),
            user=request.user,
            defaults={"started_at": now, "seen_at": now},
        )
        if not made:
            if presence.seen_at < now - presence_window():
                presence.started_at = now
            presence.seen_at = now
            presence.save(update_fields=["started_at", "seen_at"])

    def others_editing(self, request, object_id):
        recent = timezone.now() - presence_window()
        return [
            {
                "name": signoff.name_of(p.user),
                "since": local_time(p.started_at),
                "text": f"{signoff.name_of(p.user)} has been editing this since "
                f"{local_time(p.started_at)}.",
            }
            for p in Presence.objects.for_item(self.model, object_id)
            .filter(seen_at__gte=recent)
            .exclude(user=request.user)
            .select_related("user")
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if getattr(request, "editing_mode", None) or getattr(request, "editing_revision", False):
            # A replay, or django-reversion's restore: the plain admin view.
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        data = None
        if request.method == "GET" and getattr(request, "editing_data", None) is None:
            data = self.data_to_restore(request, obj)
            if obj is not None and self.has_change_permission(request, obj):
                self.record_presence(request, obj.pk)
        elif request.method == "POST":
            data = kept(request.POST)
        if data is not None and request.method == "GET":
            request.editing_data = as_querydict(data)
        context = {**self.editing_context(request, obj, data), **(extra_context or {})}
        response = super().changeform_view(request, object_id, form_url, context)
        if request.method == "POST" and succeeded(response):
            self.after_direct_save(request, object_id)
        return response

    def data_to_restore(self, request, obj):
        """The form to show, if not the item as saved: kept over a sign-in, an autosave the
        editor asked for, or the item's working copy."""
        object_id = obj.pk if obj is not None else None
        kept_form = kept_forms.take(request)
        if kept_form is not None:
            messages.warning(
                request,
                "You were signed out before this was saved. What you sent is back in the form: "
                "check it and save it again.",
            )
            return kept_form
        if request.GET.get("restore") == "autosave":
            autosave = (
                Autosave.objects.for_item(self.model, object_id).filter(user=request.user).first()
            )
            if autosave is not None:
                messages.info(
                    request,
                    f"What you typed at {local_time(autosave.saved_at)} is back in the form. "
                    "It is not saved yet: check it and save it.",
                )
                return autosave.data
        copy_ = self.working_copy_for_form(request, obj)
        if copy_ is not None and "published" not in request.GET:
            return copy_.data
        return None

    def working_copy_of(self, obj, token=None):
        """The working copy of ``obj``; for a new item, the one the form showed (``token``)."""
        if obj is not None:
            return WorkingCopy.objects.for_item(self.model, obj.pk).first()
        if token is not None and token.copy:
            return WorkingCopy.objects.for_item(self.model, None).filter(pk=token.copy).first()
        return None

    def working_copy_for_form(self, request, obj):
        if obj is not None:
            return self.working_copy_of(obj)
        pk = request.GET.get("working_copy", "")
        if pk.isdigit():
            return WorkingCopy.objects.for_item(self.model, None).filter(pk=pk).first()
        return None

    def editing_context(self, request, obj, data):
        """What the change form's template shows of the editing machinery."""
        posted = request.method == "POST"
        token_value = (data or {}).get("_editing", [None])[0]
        token = read_or_none(token_value)
        showing = None
        if token is None or token.user != request.user.pk:
            showing = self.working_copy_for_form(request, obj)
            if showing is not None and ("published" in request.GET or posted):
                showing = None
            latest = latest_version(obj)
            token = FormToken(
                request.user.pk,
                latest.pk if latest else 0,
                showing.pk if showing else 0,
                showing.revision if showing else 0,
            )
        elif token.copy:
            showing = WorkingCopy.objects.filter(pk=token.copy).first()
        object_id = obj.pk if obj is not None else None
        public = signoff.reaches_public(obj)
        may_publish = self.may_publish(request)
        needs_sign_off = self.needs_sign_off()
        copy_ = showing or self.working_copy_of(obj)
        autosave = None
        if not posted and request.GET.get("restore") != "autosave":
            autosave = (
                Autosave.objects.for_item(self.model, object_id).filter(user=request.user).first()
            )
            saved = self.last_saved(request, obj)
            if autosave and saved and saved >= autosave.saved_at:
                autosave = None
        # Saving the form straight to the item publishes it when the item is public, or is new
        # content that has no draft state.
        direct_publishes = public or (obj is None and not self.is_publishable())
        direct = not showing and (may_publish or not direct_publishes)
        content_type = ContentType.objects.get_for_model(self.model)
        context = {
            "editing": {
                "token": token.sign(),
                "endpoint": self.url("editing"),
                "object_id": "" if object_id is None else object_id,
                "session_seconds": settings.SESSION_COOKIE_AGE,
                "beat_seconds": beat_seconds(),
                "storage_key": f"lscp-editing:{request.user.pk}:{content_type.pk}:"
                f"{object_id if object_id is not None else 'new'}",
                "last_saved": (self.last_saved(request, obj) or "")
                and self.last_saved(request, obj).isoformat(),
                "server_now": timezone.now().isoformat(),
                "others": self.others_editing(request, object_id) if object_id else [],
                "autosave": autosave,
                "autosave_time": local_time(autosave.saved_at) if autosave else "",
                "working_copy": copy_,
                "working_copy_url": self.url("working_copy", copy_.pk) if copy_ else "",
                "showing_copy": showing is not None,
                "public": public,
                "may_publish": may_publish,
                "needs_sign_off": needs_sign_off,
                "offer_working_copy": not showing and (public or not self.is_publishable()),
                "offer_save_copy": showing is not None or (direct_publishes and not may_publish),
                "offer_publish_copy": showing is not None and may_publish,
                "offer_submit": needs_sign_off and not signoff.may_approve(request.user),
            },
        }
        if not direct:
            context.update(show_save=False, show_save_and_continue=False)
            context["show_save_and_add_another"] = False
        return context

    def last_saved(self, request, obj):
        """When this item was last saved (or, for a new one, when this editor last added one),
        so the browser's own copy is offered back only if it is newer."""
        from django.contrib.admin.models import ADDITION, LogEntry

        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model)
        )
        if obj is not None:
            entries = entries.filter(object_id=str(obj.pk))
        else:
            entries = entries.filter(user=request.user, action_flag=ADDITION)
        return entries.order_by("-action_time").values_list("action_time", flat=True).first()

    def after_direct_save(self, request, object_id):
        """The editor's own save succeeded: their autosave is done with, and a working copy the
        form showed has just been published."""
        item_id = unquote(object_id) if object_id else None
        Autosave.objects.for_item(self.model, item_id).filter(user=request.user).delete()
        if item_id:
            Presence.objects.for_item(self.model, item_id).filter(user=request.user).delete()
        token = read_or_none(request.POST.get("_editing"))
        if token and token.copy:
            copy_ = WorkingCopy.objects.filter(pk=token.copy).first()
            if copy_ is not None:
                saved = getattr(request, "editing_saved", None)
                if copy_.state == WorkingCopy.State.SUBMITTED and self.needs_sign_off():
                    self.record(copy_, SignOffEvent.Action.APPROVED, request.user)
                self.finish_working_copy(copy_, request.user, saved.pk if saved else item_id)

    def log_addition(self, request, obj, message):
        return self.logged(request, obj, super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self.logged(request, obj, super().log_change(request, obj, message))

    @staticmethod
    def logged(request, obj, entry):
        """After a save: which item it was (a replay reads it back), and the version's comment
        when publishing a working copy."""
        request.editing_saved = obj
        if getattr(request, "editing_comment", None):
            set_comment(request.editing_comment)
        return entry

    # --- Autosave and merging ------------------------------------------------------------------

    def autosave(self, request, object_id):
        """POST from the open form every few seconds of typing: kept for this editor only."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        allowed = (
            self.has_change_permission(request, obj)
            if obj is not None
            else object_id is None and self.has_add_permission(request)
        )
        if not allowed:
            return JsonResponse(
                {"error": "You may not edit this item, so what you typed was not kept here."},
                status=403,
            )
        now = timezone.now()
        Autosave.objects.update_or_create(
            **item_fields(self.model, obj.pk if obj else None),
            user=request.user,
            defaults={"data": kept(request.POST), "saved_at": now},
        )
        return JsonResponse({"saved_at": local_time(now)})

    def merge(self, request, object_id, form_url, extra_context):
        """Their changes to fields the editor did not change, into the editor's form, shown
        again to check and save (nothing is saved yet)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        form_class = self.form_class_for(request, obj)
        posted_form = form_class(request.POST, request.FILES, instance=obj)
        posted_form.is_valid()
        conflict = getattr(posted_form, "editing_conflict", None)
        data = kept(request.POST)
        token = read(data["_editing"][0])
        if conflict is not None and not conflict.working_copy:
            current = form_class(instance=self.get_object(request, unquote(object_id)))
            taken = []
            for change in conflict.changes:
                if not getattr(change, "yours", False) and change.name in current.fields:
                    data.update(field_data(current[change.name]))
                    taken.append(change.label)
            latest = latest_version(obj)
            token = FormToken(token.user, latest.pk, token.copy, token.revision)
            data["_editing"] = [token.sign()]
            messages.info(
                request,
                "Merged: their changes to "
                + (", ".join(taken) if taken else "no field you left alone")
                + " are in the form with yours. Nothing is saved yet: check it and save.",
            )
        elif conflict is not None:
            messages.warning(request, "A working copy cannot be merged: overwrite it or reload.")
        as_get = copy.copy(request)
        as_get.method = "GET"
        as_get.editing_data = as_querydict(data)
        context = {**self.editing_context(as_get, obj, data), **(extra_context or {})}
        return self.change_view(as_get, object_id, form_url, context)

    # --- Working copies ------------------------------------------------------------------------

    def save_working_copy(self, request, object_id, submit):
        """Keep the form as the item's working copy (checked first, exactly as a save would be),
        and submit it for approval if asked."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        allowed = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        token = read_or_none(request.POST.get("_editing"))
        trial = posting(request.POST, request.FILES, request.user, "working_copy", like=request)
        context = self.editing_context(request, obj, kept(request.POST))
        with page_cache.bypassed(), rolled_back(self.model, obj.pk if obj else None) as outcome:
            if obj is not None:
                response = self.change_view(trial, object_id, extra_context=context)
            else:
                response = self.add_view(trial, extra_context=context)
            saved = getattr(trial, "editing_saved", None)
            if succeeded(response) and saved is not None:
                outcome["pk"] = saved.pk
                title = str(saved)
        if not succeeded(response):
            return response
        data = kept(request.POST)
        data.pop("_editing", None)
        with transaction.atomic():
            copy_ = self.working_copy_of(obj, token)
            if copy_ is None:
                copy_ = WorkingCopy(
                    content_type=ContentType.objects.get_for_model(self.model),
                    object_id="" if obj is None else str(obj.pk),
                    created_by=request.user,
                    revision=0,
                )
            latest = latest_version(obj)
            copy_.base_version = latest.pk if latest else 0
            copy_.revision += 1
            copy_.data = data
            copy_.files = self.keep_files(request, copy_.files)
            copy_.updated_by = request.user
            copy_.title = title[:300]
            copy_.comment = "" if submit else copy_.comment
            copy_.state = WorkingCopy.State.SUBMITTED if submit else WorkingCopy.State.EDITING
            copy_.publish_at = None
            if submit:
                copy_.submitted_by = request.user
            copy_.save()
            Autosave.objects.for_item(self.model, obj.pk if obj else None).filter(
                user=request.user
            ).delete()
            review_url = request.build_absolute_uri(self.url("working_copy", copy_.pk))
            if submit:
                self.record(copy_, SignOffEvent.Action.SUBMITTED, request.user)
                signoff.tell_approvers(copy_, request.user, review_url)
        if submit:
            messages.success(
                request,
                f"“{title}” is submitted for approval. Approvers have been told by e-mail; "
                "the public sees nothing of it until one approves it.",
            )
        else:
            messages.success(
                request,
                f"The working copy of “{title}” is saved. The public sees "
                + ("the published version until it is published." if obj else "nothing of it yet."),
            )
        if obj is not None and not submit:
            return HttpResponseRedirect(self.url("change", quote(str(obj.pk))))
        return HttpResponseRedirect(self.url("working_copy", copy_.pk))

    @staticmethod
    def keep_files(request, files):
        """Store the form's uploads with the working copy, replacing any it had for that field."""
        files = dict(files)
        for name, uploads in request.FILES.lists():
            for old in files.get(name, []):
                default_storage.delete(old)
            folder = f"working-copies/{secrets.token_hex(8)}"
            files[name] = [default_storage.save(f"{folder}/{u.name}", u) for u in uploads]
        return files

    def record(self, copy_, action, user, comment=""):
        SignOffEvent.objects.create(
            content_type=copy_.content_type,
            object_id=copy_.object_id,
            action=action,
            user=user,
            comment=comment,
        )

    def finish_working_copy(self, copy_, user, object_id):
        """A working copy has been published: record it and let it go, with its files."""
        SignOffEvent.objects.create(
            content_type=copy_.content_type,
            object_id=str(object_id or copy_.object_id),
            action=SignOffEvent.Action.PUBLISHED,
            user=user,
        )
        names = [name for paths in copy_.files.values() for name in paths]
        copy_.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])

    def publication_data(self, request, copy_, obj, when=None):
        """The working copy's form, set to publish: for content with a draft state that is not
        public yet, status published from ``when`` (now if not given)."""
        data = dict(copy_.data)
        if self.is_publishable() and not signoff.reaches_public(obj):
            form = self.form_class_for(request, obj)(
                initial={"status": Status.PUBLISHED, "publish_at": when or timezone.now()}
            )
            for name in ("status", "publish_at"):
                if name in form.fields:
                    data.update(field_data(form[name]))
        data["_save"] = ["Save"]
        return data

    def replay(self, request, copy_, user, mode, when=None):
        """Post the working copy through the admin as ``user``. Returns the request it made
        (``editing_saved``: the item) and the response."""
        obj = copy_.item()
        probe = posting({}, None, user, mode, like=request)
        data = self.publication_data(probe, copy_, obj, when)
        replayed = posting(data, kept_files(copy_.files), user, mode, like=request)
        if obj is not None:
            response = self.change_view(replayed, quote(str(obj.pk)))
        else:
            response = self.add_view(replayed)
        return replayed, response

    def stale_base(self, copy_):
        """What changed in the published item since the working copy was made, if anything."""
        obj = copy_.item()
        latest = latest_version(obj)
        if latest is None or latest.pk == copy_.base_version:
            return None
        older = Version.objects.filter(pk=copy_.base_version).first()
        changes, rows_changed = content_changes(self.model, older, latest)
        if not changes and not rows_changed:
            return None
        return Conflict(
            [(signoff.name_of(latest.revision.user), local_moment(latest.revision.date_created))],
            changes,
            rows_changed,
        )

    def publish_working_copy(self, request, copy_, user, when=None, overwrite=False):
        """Publish the working copy now (or, for a live item, approve it for ``when``).

        Returns a list of reasons it was refused (empty when it was done).
        """
        if not signoff.may_publish(user, self.model):
            return [self.refusal()]
        if copy_.object_id and copy_.item() is None:
            return ["The item was deleted after this working copy was made."]
        if self.stale_base(copy_) and not overwrite:
            return [
                "The published version changed after this working copy was made. Open the "
                "working copy to bring their change in, or confirm publishing over it."
            ]
        obj = copy_.item()
        # A scheduled one was recorded as approved when it was approved.
        approving = (
            signoff.requires_sign_off(self.model)
            and copy_.state == WorkingCopy.State.SUBMITTED
            and request is not None
        )
        later = when is not None and signoff.reaches_public(obj)
        if later:
            # The published item changes at that moment (publish_due), so it is checked now.
            with page_cache.bypassed(), rolled_back(self.model, obj.pk):
                replayed, response = self.replay(request, copy_, user, "publish")
            if not succeeded(response):
                return errors_of(response)
            WorkingCopy.objects.filter(pk=copy_.pk).update(
                state=WorkingCopy.State.APPROVED, publish_at=when, approved_by=user
            )
            self.record(
                copy_,
                SignOffEvent.Action.APPROVED,
                user,
                f"To be published on {local_moment(when)}.",
            )
            # The page cache's version must expire at that moment.
            content_changed.send(sender=self.model)
            return []
        with transaction.atomic():
            who = signoff.name_of(copy_.submitted_by or copy_.updated_by)
            comment = f"Published from a working copy by {who}"
            if approving:
                comment += f", approved by {signoff.name_of(user)}"
            probe = posting({}, None, user, "publish", like=request)
            probe.editing_comment = comment + "."
            obj = copy_.item()
            data = self.publication_data(probe, copy_, obj, when)
            replayed = posting(data, kept_files(copy_.files), user, "publish", like=request)
            replayed.editing_comment = probe.editing_comment
            if obj is not None:
                response = self.change_view(replayed, quote(str(obj.pk)))
            else:
                response = self.add_view(replayed)
            if not succeeded(response):
                transaction.set_rollback(True)
                return errors_of(response)
            saved = replayed.editing_saved
            if approving:
                self.record(copy_, SignOffEvent.Action.APPROVED, user)
                if not copy_.object_id:
                    SignOffEvent.objects.filter(
                        content_type=copy_.content_type, object_id=""
                    ).update(object_id=str(saved.pk))
            self.finish_working_copy(copy_, user, saved.pk)
        if request is not None:
            for text in messages_of(replayed):
                messages.info(request, text)
        return []

    def preview_response(self, request, obj):
        """The public page that shows ``obj``, rendered as a visitor would see it."""
        match = resolve(self.public_url(obj))
        return match.func(request, *match.args, **match.kwargs)

    def public_url(self, obj):
        """The page that shows this kind of content; the home page, for what every page shows
        (site settings, the concern numbers)."""
        return reverse("partnership:home")

    def working_copy_preview(self, request, copy_, user, banner):
        """The public page with the working copy in place, published, in a transaction that is
        rolled back: exactly what the public will see, and nothing of it stays."""
        obj = copy_.item()
        with page_cache.bypassed(), rolled_back(self.model, obj.pk if obj else None) as outcome:
            replayed, saved_response = self.replay(request, copy_, user, "preview")
            if succeeded(saved_response):
                saved = replayed.editing_saved
                outcome["pk"] = saved.pk
                fresh = self.model._default_manager.get(pk=saved.pk)
                request.preview = banner | {"status": banner["status"]}
                response = self.preview_response(request, fresh)
                if hasattr(response, "render"):
                    response.render()
                if response.streaming:
                    streamed = b"".join(response.streaming_content)
                    response = HttpResponse(streamed, headers=dict(response.items()))
        if not succeeded(saved_response):
            response = TemplateResponse(
                request,
                "editing/preview_refused.html",
                {"errors": errors_of(saved_response), "title": str(copy_.title)},
                status=409,
            )
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def working_copy_preview_view(self, request, pk):
        copy_ = self.get_working_copy(request, pk)
        banner = {
            "status": f"Preview of the working copy of “{copy_.title}”: the public sees "
            + ("the published version until it is published." if copy_.object_id else "nothing."),
            "change_url": self.url("working_copy", copy_.pk),
        }
        return self.working_copy_preview(request, copy_, request.user, banner)

    def get_working_copy(self, request, pk):
        copy_ = (
            WorkingCopy.objects.filter(
                pk=pk, content_type=ContentType.objects.get_for_model(self.model)
            )
            .select_related("created_by", "updated_by", "submitted_by", "approved_by")
            .first()
        )
        if copy_ is None:
            raise Http404("There is no such working copy: it may have been published or discarded.")
        obj = copy_.item()
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return copy_

    def working_copy_view(self, request, pk):
        """A working copy: what it changes, its preview and share links, and the decisions."""
        copy_ = self.get_working_copy(request, pk)
        approve_form = ApproveForm(prefix="approve")
        send_back_form = SendBackForm(prefix="send_back")
        share_form = ShareForm(prefix="share")
        new_link = None
        if request.method == "POST":
            result = self.working_copy_action(request, copy_)
            if isinstance(result, HttpResponse):
                return result
            approve_form, send_back_form, share_form, new_link = result
            copy_ = self.get_working_copy(request, pk)
        obj = copy_.item()
        may_edit = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        may_publish = self.may_publish(request)
        needs_sign_off = self.needs_sign_off()
        diff = self.working_copy_changes(request, copy_, obj)
        stale = self.stale_base(copy_)
        if not stale:
            # Nothing to publish over: the box would only puzzle.
            del approve_form.fields["overwrite"]
        edit_url = (
            self.url("change", quote(str(obj.pk)))
            if obj
            else self.url("add") + f"?working_copy={copy_.pk}"
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Working copy of “{copy_.title}”",
            "copy": copy_,
            "item": obj,
            "changes": diff,
            "stale": stale,
            "edit_url": edit_url,
            "preview_url": self.url("working_copy_preview", copy_.pk),
            "published_url": (self.url("change", quote(str(obj.pk))) + "?published") if obj else "",
            "may_edit": may_edit,
            "may_publish": may_publish,
            "may_send_back": needs_sign_off
            and signoff.may_approve(request.user)
            and copy_.state == WorkingCopy.State.SUBMITTED,
            "may_submit": may_edit
            and needs_sign_off
            and copy_.state in (WorkingCopy.State.EDITING, WorkingCopy.State.SENT_BACK),
            "approve_form": approve_form,
            "send_back_form": send_back_form,
            "share_form": share_form,
            "new_link": new_link,
            "links": copy_.share_links.usable(timezone.now()).select_related("created_by"),
            "events": SignOffEvent.objects.for_item(self.model, copy_.object_id).select_related(
                "user"
            )[:20]
            if copy_.object_id
            else [],
            "media": self.media + approve_form.media,
        }
        response = TemplateResponse(request, "admin/editing/working_copy.html", context)
        add_never_cache_headers(response)
        return response

    def working_copy_changes(self, request, copy_, obj):
        """What publishing the working copy would change, field by field."""
        with page_cache.bypassed(), rolled_back(self.model, obj.pk if obj else None) as outcome:
            replayed, response = self.replay(request, copy_, request.user, "preview")
            if not succeeded(response):
                return {"errors": errors_of(response), "fields": []}
            outcome["pk"] = replayed.editing_saved.pk
            after = Snapshot.of(self.model._default_manager.get(pk=replayed.editing_saved.pk))
        return {"errors": [], "fields": field_changes(self.model, Snapshot.of(obj), after)}

    def working_copy_action(self, request, copy_):
        action = request.POST.get("action", "")
        revision = request.POST.get("revision", "")
        back = HttpResponseRedirect(request.path)
        approve_form = ApproveForm(prefix="approve")
        send_back_form = SendBackForm(prefix="send_back")
        share_form = ShareForm(prefix="share")
        new_link = None
        if action in ("approve", "send_back", "submit") and revision != str(copy_.revision):
            messages.error(
                request,
                "The working copy was changed after you opened this page. Nothing was done: "
                "look at it again.",
            )
            return back
        if action == "approve":
            approve_form = ApproveForm(request.POST, prefix="approve")
            if approve_form.is_valid():
                later = approve_form.cleaned_data["when"] == ApproveForm.LATER
                when = approve_form.cleaned_data["publish_at"] if later else None
                errors = self.publish_working_copy(
                    request,
                    copy_,
                    request.user,
                    when,
                    overwrite=approve_form.cleaned_data.get("overwrite", False),
                )
                if errors:
                    for error in errors:
                        messages.error(request, f"Not published: {error}")
                    return back
                if when is not None and copy_.item() is not None:
                    messages.success(
                        request,
                        f"“{copy_.title}” is approved and will be published on "
                        f"{local_moment(when)}. Until then the public sees the published version.",
                    )
                    return back
                messages.success(request, f"“{copy_.title}” is published.")
                return HttpResponseRedirect(self.url("changelist"))
        elif action == "send_back":
            if not signoff.may_approve(request.user):
                raise PermissionDenied
            send_back_form = SendBackForm(request.POST, prefix="send_back")
            if send_back_form.is_valid():
                comment = send_back_form.cleaned_data["comment"]
                WorkingCopy.objects.filter(pk=copy_.pk).update(
                    state=WorkingCopy.State.SENT_BACK, comment=comment
                )
                self.record(copy_, SignOffEvent.Action.SENT_BACK, request.user, comment)
                signoff.tell_author(
                    copy_, request.user, comment, request.build_absolute_uri(request.path)
                )
                messages.success(request, f"“{copy_.title}” is sent back with your comment.")
                return back
        elif action == "submit":
            if not self.has_change_permission(request, copy_.item()):
                raise PermissionDenied
            self.submit(request, copy_)
            return back
        elif action == "discard":
            if not (self.has_change_permission(request, copy_.item()) or self.may_publish(request)):
                raise PermissionDenied
            names = [name for paths in copy_.files.values() for name in paths]
            copy_.delete()
            for name in names:
                default_storage.delete(name)
            messages.success(
                request, f"The working copy of “{copy_.title}” is discarded; nothing was published."
            )
            return HttpResponseRedirect(self.url("changelist"))
        elif action == "share":
            share_form = ShareForm(request.POST, prefix="share")
            if share_form.is_valid():
                new_link = request.build_absolute_uri(
                    share.make_link(
                        copy_,
                        request.user,
                        share_form.cleaned_data["note"],
                        share_form.cleaned_data["days"],
                    )
                )
        elif action == "revoke":
            copy_.share_links.filter(pk=request.POST.get("link", "0") or 0).update(
                revoked_at=timezone.now()
            )
            messages.success(request, "The link is withdrawn: it shows nothing from now on.")
            return back
        else:
            messages.error(request, "Nothing was done: choose one of the buttons.")
            return back
        return approve_form, send_back_form, share_form, new_link

    def submit(self, request, copy_, say=True):
        copy_.state = WorkingCopy.State.SUBMITTED
        copy_.submitted_by = request.user
        copy_.comment = ""
        copy_.save(update_fields=["state", "submitted_by", "comment", "updated_at"])
        self.record(copy_, SignOffEvent.Action.SUBMITTED, request.user)
        signoff.tell_approvers(
            copy_, request.user, request.build_absolute_uri(self.url("working_copy", copy_.pk))
        )
        if say:
            messages.success(request, f"“{copy_.title}” is submitted for approval.")

    # --- Bulk actions -------------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return actions
        names = []
        if self.may_publish(request):
            names.append("publish_selected")
            if self.is_publishable():
                names.append("unpublish_selected")
        if self.needs_sign_off():
            names.append("submit_selected")
        for name in names:
            actions[name] = self.get_action(name)
        return actions

    @admin.action(description="Publish the selected %(verbose_name_plural)s")
    def publish_selected(self, request, queryset):
        if not self.may_publish(request):
            messages.error(request, self.refusal())
            return
        done, refused = [], []
        for obj in queryset:
            copy_ = self.working_copy_of(obj)
            if copy_ is not None:
                errors = self.publish_working_copy(request, copy_, request.user)
                (refused.append(f"“{obj}”: {' '.join(errors)}") if errors else done.append(obj))
            elif self.is_publishable() and not obj.is_live:
                obj.status = Status.PUBLISHED
                if obj.is_unpublished():
                    obj.unpublish_at = None
                if problem := rule_broken_by(obj):
                    refused.append(f"“{obj}”: {problem}")
                    continue
                with self.create_revision(request):
                    set_comment("Published from the list.")
                    obj.save()
                done.append(obj)
        self.report(request, "published", done, refused)

    @admin.action(description="Unpublish the selected %(verbose_name_plural)s")
    def unpublish_selected(self, request, queryset):
        if not self.may_publish(request):
            messages.error(request, self.refusal())
            return
        done, refused = [], []
        for obj in queryset.filter(status=Status.PUBLISHED):
            obj.status = Status.DRAFT
            if problem := rule_broken_by(obj):
                refused.append(f"“{obj}”: {problem}")
                continue
            with self.create_revision(request):
                set_comment("Unpublished from the list.")
                obj.save()
            done.append(obj)
        self.report(request, "unpublished", done, refused)

    @admin.action(description="Submit the selected %(verbose_name_plural)s for approval")
    def submit_selected(self, request, queryset):
        done, refused = [], []
        for obj in queryset:
            if not self.has_change_permission(request, obj):
                refused.append(f"“{obj}”: you may not edit it")
                continue
            copy_ = self.working_copy_of(obj)
            if copy_ is not None and copy_.state != WorkingCopy.State.SUBMITTED:
                self.submit(request, copy_, say=False)
                done.append(obj)
            elif copy_ is None and self.is_publishable() and not signoff.reaches_public(obj):
                self.submit(request, self.working_copy_from(request, obj), say=False)
                done.append(obj)
            elif copy_ is None:
                refused.append(f"“{obj}”: there are no changes to submit")
        self.report(request, "submitted for approval", done, refused)

    def working_copy_from(self, request, obj):
        """A working copy of the item as it is saved, to submit it as it stands."""
        as_get = copy.copy(request)
        as_get.method = "GET"
        form = self.form_class_for(as_get, obj)(instance=obj)
        formsets, _ = self._create_formsets(as_get, obj, change=True)
        parts = [f for formset in formsets for f in (formset.management_form, *formset.forms)]
        latest = base_version(obj)
        return WorkingCopy.objects.create(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=str(obj.pk),
            data=form_data(form, *parts),
            base_version=latest.pk if latest else 0,
            created_by=request.user,
            updated_by=request.user,
            title=str(obj)[:300],
        )

    def report(self, request, what, done, refused):
        if done:
            names = ", ".join(f"“{obj}”" for obj in done)
            messages.success(request, f"{len(done)} {what}: {names}.")
        for reason in refused:
            messages.error(request, f"Not {what}: {reason}.")
        if not done and not refused:
            messages.info(request, f"Nothing needed to be {what}.")
