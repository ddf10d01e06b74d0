from django.urls import path, register_converter
from django.views.generic import RedirectView

from . import converters, feeds, views

register_converter(converters.YearConverter, "year")
register_converter(converters.PagePathConverter, "page_path")

app_name = "partnership"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("partners/", views.PartnersView.as_view(), name="partners"),
    path("report-a-concern/", views.ReportConcernView.as_view(), name="report-concern"),
    path("vision/", views.VisionView.as_view(), name="vision"),
    path("priorities/", views.PrioritiesView.as_view(), name="priorities"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statements/feed/", feeds.StatementFeed(), name="statement-feed"),
    path("statements/feed/atom/", feeds.AtomStatementFeed(), name="statement-feed-atom"),
    path(
        "statements/<year:year>/<slug:slug>/",
        views.StatementDetailView.as_view(),
        name="statement-detail",
    ),
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path(
        "publications/<slug:kind>/latest/",
        views.LatestPublicationView.as_view(),
        name="publication-latest",
    ),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    # The list's old address; each document's file keeps the address it always had.
    path(
        "documents/",
        RedirectView.as_view(
            pattern_name="partnership:publication-list", query_string=True, permanent=True
        ),
        name="document-list",
    ),
    path("documents/<slug:slug>/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("report-a-concern/", views.ReportConcernView.as_view(), name="report-concern"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preferences/contrast/", views.ContrastView.as_view(), name="contrast"),
    # Editorial pages come last: a top-level page may not take any address above (sections.py).
    path("<page_path:url_path>/", views.PageView.as_view(), name="page"),
]
