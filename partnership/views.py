"""Public pages: thin generic views over the published() querysets."""

from itertools import groupby
from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render, resolve_url
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView, TemplateView, View

from .contrast import CONTRAST_CHOICES, CONTRAST_COOKIE, CONTRAST_COOKIE_MAX_AGE
from .documents import content_type_for
from .models import (
    Document,
    ExecutiveMember,
    Page,
    Partner,
    PressStatement,
    Priority,
    SiteSettings,
    VisionStatement,
    business_year_label,
)
from .search import clean_query, search, search_terms


def published_visions(visions=None, children=("outcomes", "principles")):
    """Published vision statements in force today, newest first, with their child rows.

    ``visions`` replaces ``published()`` for an admin preview, which shows a draft among them.
    """
    if visions is None:
        visions = VisionStatement.objects.published()
    return visions.filter(in_force_from__lte=timezone.localdate()).prefetch_related(*children)


def priorities_by_year(priorities=None):
    """Published priorities grouped as [(“2021/2022”, [priority, …]), …], newest year first.

    ``priorities`` replaces ``published()`` for an admin preview, which shows a draft among them.
    """
    if priorities is None:
        priorities = Priority.objects.published()
    return [
        (business_year_label(year), list(items))
        for year, items in groupby(priorities, key=lambda p: p.year)
    ]


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


class HomeView(TemplateView):
    template_name = "partnership/home.html"

    def get_context_data(self, **kwargs):
        years = priorities_by_year()
        return super().get_context_data(
            partners=Partner.objects.filter(active=True, kind=Partner.Kind.STATUTORY),
            # The home page summarises the vision with its outcomes; the vision page has the
            # working principles too. One query fewer keeps the home page within five.
            vision=published_visions(children=("outcomes",)).first(),
            priority_year=years[0] if years else None,
            statements=PressStatement.objects.published()[:3],
            **kwargs,
        )


class PartnersView(TemplateView):
    template_name = "partnership/partners.html"

    def get_context_data(self, **kwargs):
        partners = Partner.objects.select_related("replaced_by")
        return super().get_context_data(
            partners=[p for p in partners if p.active],
            former_partners=[p for p in partners if not p.active],
            executive_members=ExecutiveMember.objects.filter(active=True).select_related("partner"),
            **kwargs,
        )


class VisionView(TemplateView):
    template_name = "partnership/vision.html"
    visions = None

    def get_context_data(self, **kwargs):
        visions = list(published_visions(self.visions))
        return super().get_context_data(
            vision=visions[0] if visions else None, earlier_visions=visions[1:], **kwargs
        )


class PrioritiesView(TemplateView):
    template_name = "partnership/priorities.html"
    priorities = None

    def get_context_data(self, **kwargs):
        years = priorities_by_year(self.priorities)
        return super().get_context_data(
            priority_year=years[0] if years else None, earlier_years=years[1:], **kwargs
        )


class StatementListView(ForgivingPaginationMixin, ListView):
    template_name = "partnership/statement_list.html"
    context_object_name = "statements"

    def get_queryset(self):
        return PressStatement.objects.published()


class StatementDetailView(DetailView):
    template_name = "partnership/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return PressStatement.objects.published().filter(publish_at__year=self.kwargs["year"])


class DocumentListView(ForgivingPaginationMixin, ListView):
    template_name = "partnership/document_list.html"
    context_object_name = "documents"
    paginate_by = 25

    def get_queryset(self):
        return Document.objects.published()


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
        # Only the slug and an extension from the accepted list reach the header: never the
        # uploader's own file name.
        filename=f"{document.slug}{suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocumentDownloadView(View):
    """Send a published document: the uploaded file, or on to its link.

    A file carries Last-Modified and must be checked with the site before every use, so a reader
    who opens a report again gets a 304 instead of the whole file, while a document an editor
    replaces or withdraws is never served from a browser's or a proxy's copy.
    """

    def get(self, request, slug):
        document = get_object_or_404(Document.objects.published(), slug=slug)
        if not document.file:
            return document_response(document)
        last_modified = int(document.updated_at.timestamp())
        if unchanged := get_conditional_response(request, last_modified=last_modified):
            return unchanged
        response = document_response(document)
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, no_cache=True)
        return response


class PageView(DetailView):
    template_name = "partnership/page.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.published()


class SearchView(ForgivingPaginationMixin, ListView):
    """Search results for ``?q=``: a count, highlighted matches, and pages of ten."""

    template_name = "partnership/search.html"
    context_object_name = "results"

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        return search(self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, terms=search_terms(self.query), **kwargs)


def robots_txt(request):
    """Let crawlers index the public site, but not the admin or endless search results."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Disallow: {reverse('partnership:search')}",
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def web_app_manifest(request):
    """The web app manifest: the partnership's name and the site's icons."""
    site = SiteSettings.load()
    manifest = {
        "name": site.name,
        "short_name": site.short_name or site.name,
        "lang": "en-GB",
        "start_url": reverse("partnership:home"),
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#1d3f6e",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return HttpResponseRedirect(static("img/favicon.ico"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a page in the site's design instead of Django's technical one."""
    return render(request, "403_csrf.html", status=403)


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
