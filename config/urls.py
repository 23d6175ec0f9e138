from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from warta.web.media import media_file

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    # The app's sign-in (allauth headless, app client): /_allauth/app/v1/ (docs/api.md).
    path("_allauth/", include("allauth.headless.urls")),
    # The content API for the app (docs/api.md): everything under /api/ is its own.
    path("", include("warta.api.urls")),
    path("", include("warta.subscriptions.urls")),
    path("", include("warta.gifts.urls")),
    path("", include("warta.feedback.urls")),
]

if settings.WARTA_SERVE_MEDIA:
    # The images in MEDIA_ROOT, in production too (decision 0015); off when a web server or a
    # CDN serves the folder, or the images are in an object store.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media_file)]

urlpatterns += [path("", include("warta.web.urls"))]
