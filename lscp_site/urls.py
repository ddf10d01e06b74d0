from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Partnership website editor"
admin.site.site_title = "Partnership website editor"
admin.site.index_title = "Edit the website"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("", include("partnership.urls")),
]
