"""Continue in the app: the banner's markup, the apple-itunes-app meta, and the association files
that let iOS and Android open article links in the app. All from settings; none without an app."""

import json
import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.web.app_links import ARTICLE_PATH, PRINT_PATH

pytestmark = pytest.mark.django_db

AASA = "/.well-known/apple-app-site-association"
ASSETLINKS = "/.well-known/assetlinks.json"
# A SHA-256 certificate fingerprint as keytool prints it: 32 bytes in hex, colon-separated.
FINGERPRINT = (
    "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:"
    "16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5"
)


@pytest.fixture
def app(settings):
    settings.WARTA_APP_NAME = "Warta Daily"
    settings.WARTA_APP_IOS_APP_ID = "1234567890"
    settings.WARTA_APP_IOS_TEAM_ID = "ABCDE12345"
    settings.WARTA_APP_IOS_BUNDLE_ID = "news.example.warta"
    settings.WARTA_APP_ANDROID_PACKAGE = "news.example.warta"
    settings.WARTA_APP_ANDROID_SHA256_FINGERPRINTS = [FINGERPRINT]
    settings.WARTA_APP_SCHEME = "wartadaily"
    return settings


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(name="World", slug="world"), slug="port-opens")


def _doc(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def _aasa_matches(pattern: str, path: str) -> bool:
    """Apple's component pattern: ``*`` any characters, ``?`` exactly one."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, path) is not None


@pytest.mark.parametrize("url", [AASA, ASSETLINKS])
def test_without_an_app_the_association_files_are_404(url):
    assert Client().get(url).status_code == 404


def test_without_an_app_there_is_no_banner_and_no_itunes_meta(story):
    doc = _doc(Client().get(story.get_absolute_url()))

    assert not doc.cssselect("[data-app-banner]")
    assert not doc.cssselect('meta[name="apple-itunes-app"]')
    assert not doc.cssselect('script[src*="app-banner"]')


def test_apple_app_site_association_names_the_app_and_article_paths(app):
    response = Client().get(AASA)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    details = json.loads(response.content)["applinks"]["details"]
    assert details[0]["appIDs"] == ["ABCDE12345.news.example.warta"]
    assert details[0]["components"] == [
        {"/": PRINT_PATH, "exclude": True, "comment": "Print views"},
        {"/": ARTICLE_PATH, "comment": "Articles"},
    ]
    # iOS 12 and older read the first format.
    assert details[0]["appID"] == "ABCDE12345.news.example.warta"
    assert details[0]["paths"] == [f"NOT {PRINT_PATH}", ARTICLE_PATH]


def test_association_paths_take_articles_and_leave_print_views_and_fronts(story):
    article = story.get_absolute_url()

    assert _aasa_matches(ARTICLE_PATH, article)
    assert _aasa_matches(PRINT_PATH, story.get_print_url())
    assert not _aasa_matches(PRINT_PATH, article)
    assert not _aasa_matches(ARTICLE_PATH, "/world/")
    assert not _aasa_matches(ARTICLE_PATH, "/")


def test_assetlinks_names_the_package_and_its_signing_certificates(app):
    app.WARTA_APP_ANDROID_SHA256_FINGERPRINTS = [FINGERPRINT, "AA:BB"]

    response = Client().get(ASSETLINKS)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == [
        {
            "relation": ["delegate_permission/common.handle_all_urls"],
            "target": {
                "namespace": "android_app",
                "package_name": "news.example.warta",
                "sha256_cert_fingerprints": [FINGERPRINT, "AA:BB"],
            },
        }
    ]


def test_an_ios_only_app_has_no_assetlinks(app):
    app.WARTA_APP_ANDROID_PACKAGE = ""

    assert Client().get(ASSETLINKS).status_code == 404
    assert Client().get(AASA).status_code == 200


def test_an_android_app_without_fingerprints_has_no_assetlinks(app):
    app.WARTA_APP_ANDROID_SHA256_FINGERPRINTS = []

    assert Client().get(ASSETLINKS).status_code == 404


def test_itunes_meta_opens_the_same_article_in_the_app(app, story):
    doc = _doc(Client().get(story.get_absolute_url()))

    meta = doc.cssselect('meta[name="apple-itunes-app"]')[0]
    assert meta.get("content") == (
        "app-id=1234567890, app-argument=https://news.example" + story.get_absolute_url()
    )


def test_banner_links_the_canonical_url_the_scheme_and_both_stores(app, story):
    canonical = "https://news.example" + story.get_absolute_url()

    doc = _doc(Client().get(story.get_absolute_url()))

    banner = doc.cssselect("[data-app-banner]")[0]
    assert banner.get("hidden") is not None  # the script shows it, on phones only
    assert banner.get("data-dismiss-days") == "30"
    assert banner.cssselect("h2")[0].text_content() == "Continue in the app"
    open_link = banner.cssselect("[data-app-open]")[0]
    assert open_link.get("href") == canonical
    assert (
        open_link.get("data-scheme-url") == "wartadaily://news.example" + story.get_absolute_url()
    )
    assert open_link.get("data-ios-store-url") == "https://apps.apple.com/app/id1234567890"
    assert open_link.get("data-android-store-url") == (
        "https://play.google.com/store/apps/details?id=news.example.warta"
    )
    intent = open_link.get("data-android-intent-url")
    assert intent.startswith("intent://news.example" + story.get_absolute_url() + "#Intent;")
    assert "scheme=https;package=news.example.warta;" in intent
    stores = {a.text_content(): a.get("href") for a in banner.cssselect(".app-banner-stores a")}
    assert stores == {
        "App Store": "https://apps.apple.com/app/id1234567890",
        "Google Play": "https://play.google.com/store/apps/details?id=news.example.warta",
    }
    assert banner.cssselect("button[data-app-dismiss]")[0].text_content() == "Not now"


def test_an_app_name_without_a_store_listing_is_no_app(app, story):
    app.WARTA_APP_IOS_APP_ID = ""
    app.WARTA_APP_ANDROID_PACKAGE = ""

    doc = _doc(Client().get(story.get_absolute_url()))

    assert not doc.cssselect("[data-app-banner]")
