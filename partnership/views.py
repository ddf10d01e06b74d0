"""Public pages: thin generic views over the published() querysets."""

from functools import reduce
from operator import or_
from pathlib import PurePath

from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from .contrast import CONTRAST_CHOICES, CONTRAST_COOKIE, CONTRAST_COOKIE_MAX_AGE
from .documents import content_type_for, opens_in_browser
from .forms import PublicationFilterForm
from .models import (
    PAGE_ADDRESS_MAX_LENGTH,
    ConcernContact,
    Document,
    ExecutiveMember,
    Page,
    Partner,
    PressStatement,
    Priority,
    Readers,
    RoleHolder,
    VisionStatement,
    kind_from_slug,
)
from .search import clean_query, search, search_terms


class PublicContentMixin:
    """The one place a public view gets its content: what the model layer says the public sees.

    An admin preview renders the same view with the previewed item passed in (``preview()``), so
    a draft or scheduled item shows exactly where it will appear, among the published ones.
    """

    model = None
    previewing = None

    @classmethod
    def preview(cls, request, item, **kwargs):
        """The page this view makes with ``item`` shown as if it were published."""
        view = cls(previewing=item)
        view.setup(request, **kwargs)
        return view.dispatch(request, **kwargs)

    def published(self, model):
        """``model``'s published items, with the previewed item among them in a preview."""
        if isinstance(self.previewing, model):
            return model.objects.published_with(self.previewing)
        return model.objects.published()

    def get_queryset(self):
        return self.published(self.model)

    def get_object(self, queryset=None):
        # A preview shows the item itself, whatever its address would be once published.
        if isinstance(self.previewing, self.model):
            return self.previewing
        return super().get_object(queryset)


class ForgivingPaginationMixin:
    """Turn a nonsense ``?page=`` (``abc``, ``-1``, ``99999``) into the nearest real page."""

    paginate_by = 10

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            number = int(self.request.GET.get(self.page_kwarg, 1))
        except (TypeError, ValueError):
            number = 1
        page = paginator.page(min(max(number, 1), paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(PublicContentMixin, TemplateView):
    template_name = "partnership/home.html"

    def get_context_data(self, **kwargs):
        years = self.published(Priority).by_business_year()
        leaders = RoleHolder.objects.current().leaders()
        return super().get_context_data(
            lead_partners=[h for h in leaders if h.role == RoleHolder.Role.LEAD],
            oversight=[h for h in leaders if h.role != RoleHolder.Role.LEAD],
            # The home page summarises the vision with its outcomes; the vision page has the
            # working principles too. One query fewer keeps the home page within five.
            vision=self.published(VisionStatement).in_force().prefetch_related("outcomes").first(),
            priority_year=years[0] if years else None,
            statements=self.published(PressStatement)[:3],
            key_publications=Document.objects.latest_of_each(
                Document.Kind.ARRANGEMENTS, Document.Kind.YEARLY_REPORT
            ),
            **kwargs,
        )


class PartnersView(TemplateView):
    """Who holds each role now, by organisation, and the history of earlier holders."""

    template_name = "partnership/partners.html"

    def get_context_data(self, **kwargs):
        partners = list(Partner.objects.active().select_related("logo"))
        holders = list(RoleHolder.objects.current().select_related("partner"))
        for partner in partners:
            partner.current_roles = [h for h in holders if h.partner_id == partner.pk]
        Kind, Role = Partner.Kind, RoleHolder.Role
        return super().get_context_data(
            partners=[p for p in partners if p.kind == Kind.STATUTORY],
            oversight=[h for h in holders if h.role in (Role.CHAIR, Role.SCRUTINEER)],
            agencies=[p for p in partners if p.kind == Kind.RELEVANT_AGENCY],
            agency_roles=[h for h in holders if h.role == Role.RELEVANT_AGENCY],
            education=[p for p in partners if p.kind == Kind.EDUCATION],
            education_roles=[h for h in holders if h.role == Role.EDUCATION],
            executive_members=ExecutiveMember.objects.active().select_related("partner"),
            earlier_roles=RoleHolder.objects.earlier().select_related("partner"),
            former_partners=Partner.objects.former().select_related("replaced_by"),
            **kwargs,
        )


class ReportConcernView(TemplateView):
    """Every way to report a concern, for each group of readers, most urgent first, each saying
    whether it is open now (the page cache renews the page when a line opens or closes)."""

    template_name = "partnership/report_concern.html"

    def get_context_data(self, **kwargs):
        contacts = ConcernContact.objects.active().order_by("urgency", "order", "id")
        contacts = contacts.with_open_now()
        groups = [
            (label, [c for c in contacts if getattr(c, ConcernContact.READER_FIELDS[readers])])
            for readers, label in Readers.choices
        ]
        return super().get_context_data(
            groups=[(label, found) for label, found in groups if found], **kwargs
        )


class VisionView(PublicContentMixin, TemplateView):
    template_name = "partnership/vision.html"

    def get_context_data(self, **kwargs):
        visions = list(
            self.published(VisionStatement).in_force().prefetch_related("outcomes", "principles")
        )
        return super().get_context_data(
            vision=visions[0] if visions else None, earlier_visions=visions[1:], **kwargs
        )


class PrioritiesView(PublicContentMixin, TemplateView):
    template_name = "partnership/priorities.html"

    def get_context_data(self, **kwargs):
        years = self.published(Priority).by_business_year()
        return super().get_context_data(
            priority_year=years[0] if years else None, earlier_years=years[1:], **kwargs
        )


class StatementListView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    model = PressStatement
    template_name = "partnership/statement_list.html"
    context_object_name = "statements"


class StatementDetailView(PublicContentMixin, DetailView):
    model = PressStatement
    template_name = "partnership/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(publish_at__year=self.kwargs["year"])
            .select_related("lead_image")
        )


class PublicationListView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    """Every listed publication, newest first, filtered by type, year and readers with a plain
    form (no JavaScript): the address says what is shown, so a filtered list can be shared."""

    model = Document
    template_name = "partnership/publication_list.html"
    context_object_name = "publications"
    paginate_by = 25

    def get_queryset(self):
        listed = Document.objects.listed()
        self.filters = PublicationFilterForm(self.request.GET, years=listed.years())
        return self.filters.filter(listed).by_publication_date()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, filter_query=self.filters.query, **kwargs
        )


class PublicationDetailView(PublicContentMixin, DetailView):
    """A publication's own page: its web version with a contents list, its file, and how to ask
    for another format. An archived practice review says where it is now instead."""

    model = Document
    template_name = "partnership/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().select_related("learning_summary")

    def get_template_names(self):
        if self.object.is_archived:
            return ["partnership/publication_archived.html"]
        return super().get_template_names()


class LatestPublicationView(View):
    """/publications/<type>/latest/: an address that always leads to the newest of a type."""

    def get(self, request, kind):
        latest = Document.objects.latest_of(kind_from_slug(kind))
        if latest is None:
            raise Http404("There is no publication of that type yet.")
        return HttpResponseRedirect(latest.get_absolute_url())


def document_response(document):
    """The uploaded file under a safe name and the type its content was checked to be, or a
    redirect to the document's link."""
    if not document.file:
        return HttpResponseRedirect(document.external_url)
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing.") from None
    suffix = PurePath(document.file.name).suffix.lower()
    response = FileResponse(
        file,
        content_type=content_type_for(document.file_type),
        as_attachment=not opens_in_browser(document.file_type),
        # Only the slug and an extension from the accepted list reach the header: never the
        # uploader's own file name.
        filename=f"{document.slug}{suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocumentDownloadView(PublicContentMixin, SingleObjectMixin, View):
    """Send a published document: the uploaded file, or on to its link.

    A file carries Last-Modified and must be checked with the site before every use, so a reader
    who opens a report again gets a 304 instead of the whole file, while a document an editor
    replaces or withdraws is never served from a browser's or a proxy's copy.
    """

    model = Document

    def get(self, request, slug=None):
        document = self.get_object()
        if not document.has_file:
            # A publication that is only a web page: its page is the document.
            return HttpResponseRedirect(document.get_absolute_url())
        if self.previewing or not document.file:
            return document_response(document)
        last_modified = int(document.updated_at.timestamp())
        if unchanged := get_conditional_response(request, last_modified=last_modified):
            return unchanged
        response = document_response(document)
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, no_cache=True)
        return response


class PageView(PublicContentMixin, DetailView):
    """An editorial page at its place in the tree: breadcrumbs, its own text, the pages inside
    it (a section's landing page lists them) and, below the top level, "In this section"."""

    model = Page
    template_name = "partnership/page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        if isinstance(self.previewing, Page):
            return self.previewing
        url_path = self.kwargs["url_path"]
        if len(url_path) > PAGE_ADDRESS_MAX_LENGTH:
            raise Http404("No page has an address that long.")
        queryset = self.get_queryset().select_related("lead_image")
        return get_object_or_404(queryset, url_path=url_path)

    def get_context_data(self, **kwargs):
        page = self.object
        pages = self.published(Page)
        # Everything above the page is live (published() says so), or it is being previewed.
        ancestors = list(Page.objects.filter(path__in=page.ancestor_paths()))
        return super().get_context_data(
            ancestors=ancestors,
            children=list(pages.children_of(page)) if page.path else [],
            section_navigation=section_navigation(pages, [*ancestors, page])
            if page.depth > 1
            else None,
            **kwargs,
        )


def section_navigation(pages, chain):
    """ "In this section": the pages inside the section at the top of ``chain`` (the pages from
    the top down to the current one), opened along the way to the current page.

    Returns the top of the section and a nested list of {"page", "current", "children"}.
    """
    inside_chain = reduce(
        or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in chain if p.path)
    )
    found = list(pages.filter(inside_chain).only("title", "url_path", "path", "depth"))
    current = chain[-1]

    def level(parent):
        return [
            {
                "page": page,
                "current": page.pk == current.pk,
                "children": level(page) if current.path.startswith(page.path) else [],
            }
            for page in found
            if page.depth == parent.depth + 1 and page.path.startswith(parent.path)
        ]

    return {"top": chain[0], "items": level(chain[0])}


class SearchView(ForgivingPaginationMixin, ListView):
    """Search results for ``?q=``: a count, highlighted matches, and pages of ten.

    Never stored, by the page cache or anyone else's: a cached result (or how fast it came back)
    would tell the next visitor what somebody searched for.
    """

    template_name = "partnership/search.html"
    context_object_name = "results"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        return search(self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, terms=search_terms(self.query), **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class ContrastView(View):
    """Remember the visitor's contrast choice in a cookie and send them back where they were.

    CSRF-exempt on purpose: public pages carry no token so they can be cached and shared, and
    the worst a forged request can do is change how the site looks. A value other than "high" or
    "standard" changes nothing; a ``next`` that leaves the site is replaced by the home page.
    """

    http_method_names = ["get", "post"]

    def get(self, request):
        # Someone followed or bookmarked the form's address: nothing to change, just go back.
        return HttpResponseRedirect(self.safe_next(request.GET.get("next")))

    def post(self, request):
        response = HttpResponseRedirect(self.safe_next(request.POST.get("next")), status=303)
        choice = request.POST.get("contrast")
        if choice in CONTRAST_CHOICES:
            response.set_cookie(
                CONTRAST_COOKIE,
                choice,
                max_age=CONTRAST_COOKIE_MAX_AGE,
                samesite="Lax",
                secure=request.is_secure(),
                # Not HttpOnly: static/js/contrast.js writes the same cookie when it toggles.
                httponly=False,
            )
        return response

    def safe_next(self, url):
        allowed = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if allowed else resolve_url("partnership:home")
