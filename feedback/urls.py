from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.AnswerView.as_view(), name="send"),
    path("feedback/thanks/<str:token>/", views.ThanksView.as_view(), name="thanks"),
]
