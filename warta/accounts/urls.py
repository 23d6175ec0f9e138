from django.urls import URLPattern, path

from . import views

app_name = "accounts"

# The reader's account page; sign-in, sign-up and passwords are allauth's (mounted at /accounts/
# in config/urls.py).
urlpatterns: list[URLPattern] = [
    path("", views.account_home, name="home"),
]
