from django.urls import path

from . import views

app_name = "editing"

urlpatterns = [
    path("preview/<str:token>/", views.share_preview, name="share"),
]
