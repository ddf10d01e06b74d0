from django.urls import path

from . import feeds, views

app_name = "learning"

urlpatterns = [
    path("learning/", views.LibraryView.as_view(), name="library"),
    path("learning/feed/", feeds.LibraryFeed(), name="feed"),
    path("learning/topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("learning/topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path("learning/<slug:slug>/", views.LearningItemView.as_view(), name="item-detail"),
]
