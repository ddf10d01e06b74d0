"""Admin forms whose checks go beyond what the model's fields declare."""

from itertools import combinations
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .documents import ACCEPTED_EXTENSIONS, pdf_page_count, validate_document_upload
from .models import Document, Page, Readers, kind_from_slug, type_slug


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
                "admin:partnership_document_file", args=(self.instance.pk,)
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            self.instance.file_type = validate_document_upload(file)
            self.instance.file_size = file.size
            self.instance.page_count = (
                pdf_page_count(file) if self.instance.file_type == "pdf" else None
            )
        return file

    def _post_clean(self):
        refused = self.has_error("file")
        super()._post_clean()
        if refused:
            # Say why the upload was refused, not also the model's "upload a file or a link".
            del self.errors["file"][1:]


class NoOverlapFormSet(forms.BaseInlineFormSet):
    """Inline rows that must not overlap one another (``instance.overlaps(other)``), checked
    together as they will be saved, not against what the database holds now: an editor often
    ends one row and starts the next in the same save."""

    # The field beside which an overlap is reported.
    overlap_field = None

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.overlaps_checked_elsewhere = True
        return form

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if form.is_valid() and not self._should_delete_form(form)
        ]
        for earlier, later in combinations(rows, 2):
            if later.instance.overlaps(earlier.instance):
                message = later.instance.overlap_message(earlier.instance)
                later.add_error(self.overlap_field, message)


class RoleHolderFormSet(NoOverlapFormSet):
    """A partner's lead and delegated safeguarding partners: the CCG's Accountable Officer
    ends on 1 July 2022 and the ICB's Chief Executive starts that day, in one save."""

    overlap_field = "started_on"


class OpeningHoursFormSet(NoOverlapFormSet):
    """A line's opening hours: no two stretches of one day may overlap."""

    overlap_field = "opens"


class PageChoiceField(forms.ModelChoiceField):
    """A page chooser that shows the tree: each page indented under the one it sits inside."""

    def label_from_instance(self, page):
        return "— " * (page.depth - 1) + page.title


class PagePlacementForm(forms.ModelForm):
    """Where a page sits: the page it is inside, and where among the pages beside it.

    Fine reordering is also a drag in the page list; this form is the way to do it with a
    keyboard, and the way to move a page (with everything inside it) to another section.
    """

    KEEP, FIRST, LAST = "keep", "first", "last"

    parent = PageChoiceField(
        queryset=Page.objects.none(),
        required=False,
        label="Sits inside",
        empty_label="Nothing: it is a section at the top level of the site",
        help_text="Moving a page moves the pages inside it too, and their old web addresses "
        "keep working.",
    )
    position = forms.ChoiceField(
        label="Position",
        help_text="Where it comes in its section's list and in “In this section”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        choices = Page.objects.all().only("title", "depth", "path")
        if page.path:
            # Not inside itself, nor inside anything inside it.
            choices = choices.exclude(path__startswith=page.path)
        self.fields["parent"].queryset = choices
        self.fields["parent"].initial = page.parent if page.path else self.page_from("initial")
        # The positions on offer are among the pages inside the chosen parent: as posted, when
        # the form is shown again with a message.
        parent = self.page_from("data") if self.is_bound else self.fields["parent"].initial
        neighbours = (
            Page.objects.children_of(parent) if parent else Page.objects.top_level()
        ).exclude(pk=page.pk)
        options = [(self.LAST, "At the end"), (self.FIRST, "At the start")]
        if page.path:
            options.insert(0, (self.KEEP, "Where it is now"))
        options += [(f"after:{n.pk}", f"After “{n.title}”") for n in neighbours.only("title")]
        self.fields["position"].choices = options

    def page_from(self, source):
        """The parent page named in the form's ``data`` (as posted) or ``initial`` (for a new
        page, the page it was added from: "Add a page inside"), or None."""
        try:
            return Page.objects.get(pk=int(getattr(self, source).get("parent") or ""))
        except (ValueError, Page.DoesNotExist):
            return None

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        position = cleaned.get("position", "")
        if position.startswith("after:"):
            after = Page.objects.filter(pk=position.removeprefix("after:")).first()
            if after is None or after.parent != parent:
                self.add_error(
                    "position",
                    "That page is not in the section you chose. Choose where in that section "
                    "this page goes.",
                )
            cleaned["after"] = after
        if position == self.KEEP and self.instance.path and parent != self.instance.parent:
            cleaned["position"] = self.LAST
        # Page.clean() checks the address it will have there.
        self.instance.intended_parent = parent
        return cleaned

    def place(self, page):
        """Save ``page`` where the form says, moving it (and what is inside it) if need be."""
        parent, position = self.cleaned_data["parent"], self.cleaned_data["position"]
        after = self.cleaned_data.get("after")
        siblings = Page.objects.children_of(parent) if parent else Page.objects.top_level()
        first = siblings.exclude(pk=page.pk).first()
        if not page.path:
            if after:
                Page.objects.add_sibling(after, "right", instance=page)
            elif position == self.FIRST and first:
                Page.objects.add_sibling(first, "left", instance=page)
            elif parent:
                Page.objects.add_child(parent, instance=page)
            else:
                Page.objects.add_root(instance=page)
            return
        # Move first (treebeard rewrites the tree paths), then one save gives the page, and
        # every page inside it, the address of its new place, with its new web address if any.
        if after:
            Page.objects.move(page, after, "right")
        elif position == self.FIRST and first:
            Page.objects.move(page, first, "left")
        elif position != self.KEEP and parent:
            Page.objects.move(page, parent, "last-child")
        elif position != self.KEEP and (last := siblings.exclude(pk=page.pk).last()):
            Page.objects.move(page, last, "right")
        page.save()


class PageDragForm(forms.Form):
    """What the page list's drag and drop posts: a page, the row it was dropped on, and whether
    it goes inside that page or before it."""

    node = forms.ModelChoiceField(queryset=Page.objects.all())
    target = forms.ModelChoiceField(queryset=Page.objects.all())
    relation = forms.ChoiceField(choices=(("child", "inside"), ("sibling", "before")))


class PublicationFilterForm(forms.Form):
    """The publications list's filters, from the address: type, year and readers.

    A value the site does not know (an old bookmark, a mistyped address) is ignored, so the
    list is shown without that filter rather than an error.
    """

    type = forms.ChoiceField(label="Type", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)
    audience = forms.ChoiceField(
        label="For",
        required=False,
        choices=[("", "Everyone"), *Readers.choices],
    )

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["type"].choices = [
            ("", "All types"),
            *((type_slug(value), label) for value, label in Document.Kind.choices),
        ]
        self.fields["year"].choices = [("", "Any year"), *((year, year) for year in years)]

    def filter(self, publications):
        """``publications`` narrowed by every filter given with a value the site knows."""
        self.is_valid()
        chosen = {name: value for name, value in self.cleaned_data.items() if value}
        if "type" in chosen:
            publications = publications.filter(kind=kind_from_slug(chosen["type"]))
        if "year" in chosen:
            publications = publications.in_year(chosen["year"])
        if "audience" in chosen:
            publications = publications.for_readers(chosen["audience"])
        return publications

    @property
    def description(self):
        """The filters that apply, in words for the page's title: "Newsletter, 2024"."""
        self.is_valid()
        return ", ".join(
            str(dict(self.fields[name].choices)[value])
            for name, value in self.cleaned_data.items()
            if value
        )

    @property
    def query(self):
        """The filters that apply, as a query string for the pagination links."""
        self.is_valid()
        return urlencode({name: value for name, value in self.cleaned_data.items() if value})


class ReviewForm(forms.ModelForm):
    """The owner and review fields of content that is reviewed (``Reviewed``), with the tick box
    that records a review: mixed into the admin form of every such model."""

    confirm_review = forms.BooleanField(
        label="I have checked it is still right",
        required=False,
        help_text="Tick when you have read it through and it is correct today: visitors see "
        "today as “Last reviewed”, and the next review is due a full period from today.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if owner := self.fields.get("owner"):
            # Offer the people who can sign in to the admin; the model refuses any of them who
            # cannot edit this kind of content, with a message that says so.
            owner.queryset = owner.queryset.filter(is_staff=True, is_active=True)
            owner.label_from_instance = lambda user: user.get_full_name() or user.get_username()
        if review_by := self.fields.get("review_by"):
            # Left empty, it keeps the date it has (a new item: the default period from today).
            review_by.required = False

    def clean_review_by(self):
        review_by = self.cleaned_data.get("review_by")
        if review_by is None:
            return self.instance.review_by
        return review_by

    def clean(self):
        cleaned = super().clean()
        review_by = cleaned.get("review_by")
        # A new item is refused a past date by the model; a date changed to one is refused here
        # (unless the editor confirms a review, which sets the next date itself).
        if review_by and self.instance.pk and not cleaned.get("confirm_review"):
            stored = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("review_by", flat=True)
                .first()
            )
            if review_by != stored and review_by < timezone.localdate():
                self.add_error(
                    "review_by", "The review date has passed: choose today or a later date."
                )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.cleaned_data.get("confirm_review") and not self.errors:
            self.instance.confirm_review()
