from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from partnership import sitemaps

from . import views

admin.site.site_header = "Partnership website editor"
admin.site.site_title = "Partnership website editor"
admin.site.index_title = "Edit the website"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section_sitemap, name="sitemap-section"),
    path("manifest.webmanifest", views.web_app_manifest, name="web-app-manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("", include("images.urls")),
    path("", include("feedback.urls")),
    path("", include("editing.urls")),
    path("", include("events.urls")),
    path("", include("learning.urls")),
    path("", include("partnership.urls")),
]

# The database out of reach gets a 503 that says to try again, and nothing saved, not a 500.
handler500 = "lscp_site.views.server_error"
