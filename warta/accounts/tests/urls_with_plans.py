"""The site's URLs plus a stand-in for the plans page, which the subscriptions app will add."""

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as site_urlpatterns


def plans(request):
    return HttpResponse("Plans")


urlpatterns: list[URLPattern | URLResolver] = [
    path("plans/", include(([path("", plans, name="plans")], "subscriptions"))),
    *[
        pattern
        for pattern in site_urlpatterns
        if getattr(pattern, "namespace", None) != "subscriptions"
    ],
]
