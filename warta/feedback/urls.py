from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.feedback_submit_view, name="submit"),
    path("feedback/start/", views.feedback_start_view, name="start"),
]
