"""The publisher's app: "Continue in the app", and the files that let the app open article links.

An article's link in the app is its canonical URL. iOS (universal links) and Android (App Links)
hand such a URL to the app once they have fetched the site's association file,
``/.well-known/apple-app-site-association`` and ``/.well-known/assetlinks.json``, made here
from settings. The app may also register a custom scheme (``WARTA_APP_SCHEME``): the fallback
for when a universal link stays in the browser (iOS keeps same-site links in Safari); its URL is
the canonical URL with the scheme swapped, ``wartadaily://news.example/world/...html``.

With no app configured there is no banner, no ``apple-itunes-app`` meta, and both files are 404.
"""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

# Article URLs are /<section>/<yyyy>/<mm>/<dd>/<slug>.html; their print views end /print.html.
ARTICLE_PATH = "/*/????/??/??/*.html"
PRINT_PATH = "/*/????/??/??/*/print.html"
# Operating systems fetch these files rarely and through Apple's CDN; an hour is plenty.
ASSOCIATION_MAX_AGE = 60 * 60


@dataclass(frozen=True)
class AppLinks:
    name: str
    ios_app_id: str
    ios_team_id: str
    ios_bundle_id: str
    android_package: str
    android_fingerprints: tuple[str, ...]
    scheme: str

    @property
    def enabled(self) -> bool:
        """An app readers can get: a name and at least one store listing."""
        return bool(self.name and (self.ios_app_id or self.android_package))

    @property
    def ios_store_url(self) -> str:
        return f"https://apps.apple.com/app/id{self.ios_app_id}" if self.ios_app_id else ""

    @property
    def android_store_url(self) -> str:
        if not self.android_package:
            return ""
        return f"https://play.google.com/store/apps/details?id={quote(self.android_package)}"

    def scheme_url(self, canonical_url: str) -> str:
        """The custom-scheme URL of a page: its canonical URL with the scheme swapped."""
        if not self.scheme or not canonical_url:
            return ""
        parts = urlsplit(canonical_url)
        return f"{self.scheme}://{parts.netloc}{parts.path}"

    def android_intent_url(self, canonical_url: str) -> str:
        """Chrome on Android opens the app for this URL, or the Play Store when it is missing."""
        if not self.android_package or not canonical_url:
            return ""
        parts = urlsplit(canonical_url)
        fallback = quote(self.android_store_url, safe="")
        return (
            f"intent://{parts.netloc}{parts.path}#Intent;scheme={parts.scheme};"
            f"package={self.android_package};S.browser_fallback_url={fallback};end"
        )


def app_links() -> AppLinks:
    return AppLinks(
        name=settings.WARTA_APP_NAME,
        ios_app_id=settings.WARTA_APP_IOS_APP_ID,
        ios_team_id=settings.WARTA_APP_IOS_TEAM_ID,
        ios_bundle_id=settings.WARTA_APP_IOS_BUNDLE_ID,
        android_package=settings.WARTA_APP_ANDROID_PACKAGE,
        android_fingerprints=tuple(settings.WARTA_APP_ANDROID_SHA256_FINGERPRINTS),
        scheme=settings.WARTA_APP_SCHEME,
    )


def apple_app_site_association(app: AppLinks) -> dict[str, Any] | None:
    """Article URLs open in the iOS app; print views stay on the web.

    ``components`` is the format of iOS 13 and later; ``paths`` keeps older iOS working.
    """
    if not (app.ios_team_id and app.ios_bundle_id):
        return None
    app_id = f"{app.ios_team_id}.{app.ios_bundle_id}"
    return {
        "applinks": {
            "apps": [],
            "details": [
                {
                    "appIDs": [app_id],
                    "components": [
                        {"/": PRINT_PATH, "exclude": True, "comment": "Print views"},
                        {"/": ARTICLE_PATH, "comment": "Articles"},
                    ],
                    "appID": app_id,
                    "paths": [f"NOT {PRINT_PATH}", ARTICLE_PATH],
                }
            ],
        }
    }


def asset_links(app: AppLinks) -> list[dict[str, Any]] | None:
    """Android App Links: the app signed with these certificates may open any URL of the site."""
    if not (app.android_package and app.android_fingerprints):
        return None
    return [
        {
            "relation": ["delegate_permission/common.handle_all_urls"],
            "target": {
                "namespace": "android_app",
                "package_name": app.android_package,
                "sha256_cert_fingerprints": list(app.android_fingerprints),
            },
        }
    ]


def _association_response(data: Any) -> HttpResponse:
    if data is None:
        raise Http404("No app is configured.")
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Cache-Control"] = f"public, max-age={ASSOCIATION_MAX_AGE}"
    return response


@require_safe
def apple_app_site_association_view(request: HttpRequest) -> HttpResponse:
    return _association_response(apple_app_site_association(app_links()))


@require_safe
def asset_links_view(request: HttpRequest) -> HttpResponse:
    return _association_response(asset_links(app_links()))
