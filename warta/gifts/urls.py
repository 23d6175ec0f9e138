from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("gift/", views.gift_list_view, name="list"),
    path("gift/article/<int:article_id>/", views.gift_create_view, name="create"),
    path("gift/<int:gift_id>/revoke/", views.gift_revoke_view, name="revoke"),
]
