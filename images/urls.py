from django.urls import path

from . import views

app_name = "images"

urlpatterns = [
    path("images/<str:name>", views.rendition, name="rendition"),
]
