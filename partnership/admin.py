"""Admin registrations: which content editors edit, and how each form is laid out.

The machinery every content admin shares (history, preview, messages) is in editorial.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from treebeard.admin import TreeAdmin

from . import views
from .editorial import (
    PUBLICATION_FIELDSET,
    REVIEW_FIELDSET,
    ContentAdmin,
    PublishableAdmin,
    publication_message,
    yearly_report_warning,
)
from .forms import (
    DocumentAdminForm,
    OpeningHoursFormSet,
    PageDragForm,
    PagePlacementForm,
    RoleHolderFormSet,
)
from .models import (
    CONTACT_PAGE_NEEDED,
    BankHoliday,
    BannerTranslation,
    ConcernContact,
    ContactTranslation,
    Document,
    ExecutiveMember,
    NavigationLink,
    OpeningHours,
    Page,
    Partner,
    PressStatement,
    Priority,
    RoleHolder,
    SiteSettings,
    Status,
    VisionOutcome,
    VisionStatement,
    WorkingPrinciple,
)


class NavigationLinkInline(admin.TabularInline):
    model = NavigationLink
    extra = 1
    max_num = NavigationLink.MAXIMUM
    autocomplete_fields = ("page",)
    fields = ("page", "section", "label", "order")
    verbose_name = "header navigation link"
    verbose_name_plural = (
        f"header navigation: up to {NavigationLink.MAXIMUM} links, in order. Leave it empty to "
        "show the site's fixed pages"
    )

    def get_formset(self, request, obj=None, **kwargs):
        # max_num alone only limits the empty forms offered; a longer list posted is refused.
        return super().get_formset(request, obj, validate_max=True, **kwargs)


@admin.register(SiteSettings)
class SiteSettingsAdmin(ContentAdmin):
    inlines = (NavigationLinkInline,)
    fieldsets = (
        ("Identity", {"fields": ("name", "short_name", "area", "logo", "owner")}),
        (
            "Contact and accessibility",
            {
                "fields": ("contact_email", "contact_page", "accessibility_statement"),
                "description": "The accessibility statement must give visitors a way to report a "
                "problem: it cannot be published without a contact e-mail or a published "
                "contact page.",
            },
        ),
        (
            "Home page",
            {
                "fields": (
                    "introduction_heading",
                    "introduction",
                    "partners_introduction",
                    "executive_introduction",
                )
            },
        ),
        ("Safety", {"fields": ("quick_exit_url", "staying_safe_page")}),
    )
    list_display = ("name", "short_name", "updated_at")
    list_select_related = ("logo",)
    autocomplete_fields = ("logo",)

    def has_add_permission(self, request):
        # One row only: offer "add" just until it exists.
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


ROLE_DATES_HELP = (
    "One row per term. When someone new takes over, give the current row an end date and add a "
    "row for the new holder starting that day: the earlier term moves to the partners page's "
    "history. Only one person holds each role at a time."
)


class RoleHolderInline(admin.TabularInline):
    """The organisation's lead and delegated safeguarding partners, term by term."""

    model = RoleHolder
    formset = RoleHolderFormSet
    extra = 0
    fields = ("role", "title", "title_preposition", "name", "started_on", "ended_on")
    verbose_name = "safeguarding partner role"
    verbose_name_plural = "lead and delegated safeguarding partners, one row per term"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(role__in=RoleHolder.ONE_PER_PARTNER)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [
                (value, label)
                for value, label in RoleHolder.Role.choices
                if value in RoleHolder.ONE_PER_PARTNER
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Partner)
class PartnerAdmin(ContentAdmin):
    list_display = ("organisation", "kind", "active", "left_on", "order")
    list_editable = ("order",)
    list_filter = ("kind", "active")
    search_fields = ("organisation", "description")
    list_select_related = ("replaced_by",)
    autocomplete_fields = ("replaced_by", "logo")
    inlines = (RoleHolderInline,)
    fieldsets = (
        (
            None,
            {
                "fields": ("organisation", "kind"),
                "description": "Its lead and delegated safeguarding partners are at the foot of "
                "the page. " + ROLE_DATES_HELP,
            },
        ),
        ("About", {"fields": ("website", "logo", "description", "order")}),
        (
            "Leaving the partnership",
            {
                "fields": ("active", "left_on", "replaced_by"),
                "description": "A partner that is replaced stays on the partners page under "
                "“History”, so the record of who was responsible survives.",
            },
        ),
    )

    def public_url(self, obj):
        return reverse("partnership:partners")


@admin.register(RoleHolder)
class RoleHolderAdmin(ContentAdmin):
    list_display = ("title", "role", "partner", "name", "started_on", "ended_on", "current")
    list_filter = ("role", "partner")
    list_select_related = ("partner",)
    search_fields = ("title", "name", "partner__organisation")
    autocomplete_fields = ("partner",)
    fieldsets = (
        (None, {"fields": ("role", "partner", ("title", "title_preposition"), "name", "order")}),
        ("Term", {"fields": ("started_on", "ended_on"), "description": ROLE_DATES_HELP}),
    )

    @admin.display(description="holds it now", boolean=True)
    def current(self, obj):
        return obj.is_current

    def public_url(self, obj):
        return reverse("partnership:partners")


@admin.register(ExecutiveMember)
class ExecutiveMemberAdmin(ContentAdmin):
    list_display = ("role", "partner", "name", "active", "order")
    list_editable = ("order",)
    list_filter = ("active", "partner")
    list_select_related = ("partner",)
    search_fields = ("role", "name", "partner__organisation")
    autocomplete_fields = ("partner",)

    def public_url(self, obj):
        return reverse("partnership:partners")


class VisionOutcomeInline(admin.TabularInline):
    model = VisionOutcome
    extra = 1
    verbose_name = "outcome"
    verbose_name_plural = "outcomes: the partnership will strive to ensure all children …"


class WorkingPrincipleInline(admin.TabularInline):
    model = WorkingPrinciple
    extra = 1
    verbose_name = "working principle"
    verbose_name_plural = "working principles: working together is underpinned by …"


@admin.register(VisionStatement)
class VisionStatementAdmin(PublishableAdmin):
    public_view = views.VisionView
    list_display = ("__str__", "statement", "live")
    list_filter = ("status",)
    date_hierarchy = None
    search_fields = ("statement", "outcomes__text", "principles__text")
    inlines = (VisionOutcomeInline, WorkingPrincipleInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "statement",
                    "in_force_from",
                    "outcomes_introduction",
                    "principles_introduction",
                )
            },
        ),
        PUBLICATION_FIELDSET,
    )

    def public_url(self, obj):
        return reverse("partnership:vision")


@admin.register(Priority)
class PriorityAdmin(PublishableAdmin):
    public_view = views.PrioritiesView
    list_display = ("title", "business_year", "order", "live")
    list_editable = ("order",)
    list_filter = ("year", "status")
    search_fields = ("title", "description")
    fieldsets = (
        (None, {"fields": ("title", "description", "year", "order")}),
        PUBLICATION_FIELDSET,
    )

    @admin.display(description="business year", ordering="year")
    def business_year(self, obj):
        return obj.business_year

    def public_url(self, obj):
        return reverse("partnership:priorities")


@admin.register(PressStatement)
class PressStatementAdmin(PublishableAdmin):
    public_view = views.StatementDetailView
    # Statements about a child's death or an inspection: an approver signs them off.
    sign_off_by_default = True
    list_display = ("title", "publish_at", "live", "spokesperson_name")
    search_fields = ("title", "summary", "body", "spokesperson_name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "lead_image", "body")}),
        ("Spokesperson", {"fields": ("spokesperson_name", "spokesperson_role")}),
        PUBLICATION_FIELDSET,
    )


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    form = DocumentAdminForm
    public_view = views.PublicationDetailView
    sign_off_by_default = True
    list_display = ("title", "kind", "dated", "file_details", "archive_after", "live")
    list_filter = ("kind", "status", "for_public", "for_professionals", "for_children")
    search_fields = ("title", "summary", "child_name")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("file_details",)
    autocomplete_fields = ("learning_summary",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "dated")}),
        (
            "Reporting period and readers",
            {
                "fields": (
                    ("period_start", "period_end"),
                    ("for_public", "for_professionals", "for_children"),
                ),
                "description": "Who it is for: the publications page can be filtered by these.",
            },
        ),
        (
            "The publication",
            {
                "fields": ("body", "file", "file_details", "external_url"),
                "description": "A web version, a file or a link, or a web version with a file.",
            },
        ),
        (
            "Practice reviews",
            {
                "fields": ("child_name", "learning_summary", "archive_after", "archive_location"),
                "classes": ("collapse",),
            },
        ),
        REVIEW_FIELDSET,
        PUBLICATION_FIELDSET,
    )

    @admin.display(description="type, size and pages")
    def file_details(self, obj):
        return obj.file_details or "—"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/file/",
                self.admin_site.admin_view(self.file_view),
                name="partnership_document_file",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id):
        """The uploaded file, opened from the form's "Currently:" link, draft or not."""
        document = self.get_object(request, unquote(object_id))
        if document is None or not self.has_view_or_change_permission(request, document):
            raise Http404("There is no such publication.")
        response = views.DocumentDownloadView.preview(request, document)
        add_never_cache_headers(response)
        return response

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and (message := yearly_report_warning()):
            messages.warning(request, message)
        return super().changelist_view(request, extra_context)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 1
    verbose_name_plural = (
        "opening hours: one row for each stretch of a day. For a line open overnight, end the "
        "evening at 00:00 and give the early hours as a row for the next day"
    )


@admin.register(ConcernContact)
class ConcernContactAdmin(ContentAdmin):
    list_display = ("label", "address", "channel", "urgency", "readers_list", "active", "order")
    list_editable = ("order",)
    list_filter = ("urgency", "channel", "for_public", "for_professionals", "for_children")
    search_fields = ("label", "phone_number", "description")
    inlines = (OpeningHoursInline,)
    fieldsets = (
        (None, {"fields": ("label", "description", "urgency", "order", "active")}),
        (
            "Who it is for",
            {
                "fields": (("for_public", "for_professionals", "for_children"),),
                "description": "The banner on every page shows the public's lines; the "
                "“Report a concern” page lists every line under each group it is for.",
            },
        ),
        ("How to get in touch", {"fields": ("channel", "phone_number", "web_address", "email")}),
        ("When", {"fields": ("always_open", "on_bank_holidays", "hours")}),
        REVIEW_FIELDSET,
    )

    @admin.display(description="for")
    def readers_list(self, obj):
        return ", ".join(obj.readers) or "—"


@admin.register(BankHoliday)
class BankHolidayAdmin(ContentAdmin):
    list_display = ("name", "date")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(Page)
class PageAdmin(TreeAdmin, PublishableAdmin):
    """The site's pages as a tree: drag a page to move or reorder it, or use its form."""

    form = PagePlacementForm
    public_view = views.PageView
    change_list_template = "admin/partnership/page/change_list.html"
    list_display = ("title", "web_address", "live", "add_inside")
    list_filter = ("status", "show_in_footer")
    date_hierarchy = None
    search_fields = ("title", "summary", "body", "url_path")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "lead_image", "body")}),
        ("Place in the site", {"fields": ("parent", "position", "show_in_footer")}),
        REVIEW_FIELDSET,
        PUBLICATION_FIELDSET,
    )

    @admin.display(description="web address", ordering="url_path")
    def web_address(self, page):
        return page.get_absolute_url()

    @admin.display(description="")
    def add_inside(self, page):
        url = reverse("admin:partnership_page_add") + f"?parent={page.pk}"
        return format_html(
            '<a href="{}">Add a page inside<span class="visually-hidden"> “{}”</span></a>',
            url,
            page.title,
        )

    def changelist_view(self, request, extra_context=None):
        if request.method != "GET":
            # treebeard chooses the level of the tree to list on GET only; a POST (an action)
            # that shows the list again needs one too. Actions themselves see every page.
            request._treebeard_parent = None
        return super().changelist_view(request, extra_context)

    def children_view(self, request, parent_id):
        # treebeard looks the page up as given: anything but a number would be a server error.
        if not parent_id.isdigit():
            raise Http404("There is no such page.")
        return super().children_view(request, parent_id)

    def save_model(self, request, obj, form, change):
        form.place(obj)
        messages.info(request, publication_message(obj))

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Deleting a page would take every page inside it too: ask for those to go first.
        protected += [
            f"{page}: move or delete the {page.numchild} page(s) inside it first"
            for page in objs
            if page.numchild
        ]
        site = SiteSettings.objects.current()
        protected += [
            f"{page}: {CONTACT_PAGE_NEEDED}" for page in objs if site.statement_relies_on(page)
        ]
        return deleted, counts, perms_needed, protected

    def move_node(self, request):
        """A page dragged in the list: checked like a move in the form, then moved."""
        form = PageDragForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest("Unknown page.")
        page, target = form.cleaned_data["node"], form.cleaned_data["target"]
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        if page.status == Status.PUBLISHED and not self.may_publish(request):
            # A published page's place is its public address: moving it publishes a change.
            messages.error(request, f"“{page}” was not moved. {self.refusal()}")
            return HttpResponseBadRequest("Not moved.")
        inside = form.cleaned_data["relation"] == "child"
        page.intended_parent = target if inside else target.parent
        try:
            if target.path.startswith(page.path):
                raise ValidationError("A page cannot go inside itself or a page inside it.")
            page.clean()
        except ValidationError as error:
            messages.error(request, f"“{page}” was not moved: {' '.join(error.messages)}")
            return HttpResponseBadRequest("Not moved.")
        with transaction.atomic():
            Page.objects.move(page, target, "last-child" if inside else "left")
            page.save()
        where = f"inside “{target}”" if inside else f"before “{target}”"
        messages.success(
            request, f"“{page}” moved {where}. Its web address is now {page.get_absolute_url()}"
        )
        return HttpResponse("Moved.")


class ContactTranslationInline(admin.TabularInline):
    model = ContactTranslation
    extra = 0
    verbose_name = "number"
    verbose_name_plural = "the numbers' words in this language (the numbers stay the same)"

    def get_extra(self, request, obj=None, **kwargs):
        return ConcernContact.objects.active().count() if obj is None else 0


@admin.register(BannerTranslation)
class BannerTranslationAdmin(ContentAdmin):
    list_display = ("__str__", "heading", "active")
    list_filter = ("active",)
    search_fields = ("language_name", "heading", "staying_safe")
    inlines = (ContactTranslationInline,)
    fieldsets = (
        (None, {"fields": ("language", "language_name", "active")}),
        (
            "The banner's words",
            {
                "fields": ("heading", "all_numbers", "staying_safe"),
                "description": "Visitors choose this language from the list under the concern "
                "banner. Anything left untranslated is shown in English.",
            },
        ),
    )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        # A new translation starts with a row for every number, ready to fill in; a row left
        # as it was offered is not a translation and is skipped on saving.
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None:
            kwargs["initial"] = [{"contact": c.pk} for c in ConcernContact.objects.active()]
        return kwargs
