import pytest
from django.urls import resolve, reverse

ROUTES = [
    ("partnership:home", {}, "/"),
    ("partnership:partners", {}, "/partners/"),
    ("partnership:vision", {}, "/vision/"),
    ("partnership:priorities", {}, "/priorities/"),
    ("partnership:statement-list", {}, "/statements/"),
    (
        "partnership:statement-detail",
        {"year": 2022, "slug": "inspection"},
        "/statements/2022/inspection/",
    ),
    ("partnership:document-list", {}, "/documents/"),
    ("partnership:document-download", {"slug": "report"}, "/documents/report/"),
    ("partnership:page", {"url_path": "accessibility"}, "/accessibility/"),
    ("partnership:page", {"url_path": "professionals/thresholds"}, "/professionals/thresholds/"),
    ("partnership:search", {}, "/search/"),
    ("partnership:statement-feed", {}, "/statements/feed/"),
    ("partnership:statement-feed-atom", {}, "/statements/feed/atom/"),
    ("robots-txt", {}, "/robots.txt"),
    ("web-app-manifest", {}, "/manifest.webmanifest"),
    ("favicon", {}, "/favicon.ico"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ROUTES)
def test_reverse_and_resolve(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.view_name == name
    assert match.kwargs == kwargs


def test_admin_is_at_the_configured_path(settings):
    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def test_sitemap_is_at_the_conventional_path():
    assert reverse("sitemap") == "/sitemap.xml"
    assert resolve("/sitemap.xml").url_name == "sitemap"
