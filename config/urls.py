from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("warta.subscriptions.urls")),
    path("", include("warta.gifts.urls")),
    path("", include("warta.feedback.urls")),
]


def media(request, path):
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


if settings.WARTA_SERVE_MEDIA:
    # In production a web server or CDN serves media; the demo serves it itself.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

urlpatterns += [path("", include("warta.web.urls"))]
