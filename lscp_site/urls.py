from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Partnership website editor"
admin.site.site_title = "Partnership website editor"
admin.site.index_title = "Edit the website"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("partnership.urls")),
]
