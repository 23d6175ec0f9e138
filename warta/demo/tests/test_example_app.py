"""The demo's example app (warta/demo/example-app.env, which bin/demo-serve exports): with it the
site serves both association files and shows "Continue in the app" on a phone; every value is
marked as an example. Without it (production's default) there is no app, as before."""

import json
from pathlib import Path

import pytest
from django.test import Client
from lxml import html as lxml_html
from playwright.sync_api import expect

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.web.app_links import ARTICLE_PATH, PRINT_PATH

pytestmark = pytest.mark.django_db

EXAMPLE_APP = Path(__file__).resolve().parents[1] / "example-app.env"
AASA = "/.well-known/apple-app-site-association"
ASSETLINKS = "/.well-known/assetlinks.json"
PHONE = {"width": 390, "height": 844}
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.7444.77 Mobile Safari/537.36"
)


def _example_app() -> dict[str, str]:
    """The file's KEY=VALUE lines, as bin/demo-serve reads them."""
    lines = EXAMPLE_APP.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.fixture
def demo_app(settings):
    for key, value in _example_app().items():
        setattr(settings, key, value.split(",") if key.endswith("_FINGERPRINTS") else value)
    return settings


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(name="World", slug="world"), slug="port-opens")


def test_the_example_app_is_marked_as_an_example_and_valid_in_form():
    app = _example_app()

    assert set(app) == {
        "WARTA_APP_NAME",
        "WARTA_APP_IOS_APP_ID",
        "WARTA_APP_IOS_TEAM_ID",
        "WARTA_APP_IOS_BUNDLE_ID",
        "WARTA_APP_ANDROID_PACKAGE",
        "WARTA_APP_ANDROID_SHA256_FINGERPRINTS",
        "WARTA_APP_SCHEME",
    }
    assert "(example)" in app["WARTA_APP_NAME"]
    assert app["WARTA_APP_IOS_APP_ID"].isdigit()
    assert app["WARTA_APP_IOS_TEAM_ID"].startswith("EXAMPLE")
    assert len(app["WARTA_APP_IOS_TEAM_ID"]) == 10 and app["WARTA_APP_IOS_TEAM_ID"].isalnum()
    for package in (app["WARTA_APP_IOS_BUNDLE_ID"], app["WARTA_APP_ANDROID_PACKAGE"]):
        assert package.startswith("com.example.")
    fingerprint = app["WARTA_APP_ANDROID_SHA256_FINGERPRINTS"].split(":")
    assert len(fingerprint) == 32 and all(int(byte, 16) >= 0 for byte in fingerprint)


def test_with_the_example_app_both_association_files_are_served(demo_app):
    aasa = Client().get(AASA)
    assetlinks = Client().get(ASSETLINKS)

    assert aasa.status_code == assetlinks.status_code == 200
    assert aasa["Content-Type"] == assetlinks["Content-Type"] == "application/json"
    details = json.loads(aasa.content)["applinks"]["details"][0]
    assert details["appIDs"] == ["EXAMPLE123.com.example.warta.demo"]
    assert details["components"][1] == {"/": ARTICLE_PATH, "comment": "Articles"}
    assert details["paths"] == [f"NOT {PRINT_PATH}", ARTICLE_PATH]
    target = json.loads(assetlinks.content)[0]["target"]
    assert target["package_name"] == "com.example.warta.demo"
    assert target["sha256_cert_fingerprints"] == [demo_app.WARTA_APP_ANDROID_SHA256_FINGERPRINTS[0]]


def test_with_the_example_app_an_article_offers_it(demo_app, story):
    response = Client().get(story.get_absolute_url())

    doc = lxml_html.fromstring(response.content)
    banner = doc.cssselect("[data-app-banner]")[0]
    assert "Warta Demo (example)" in banner.text_content()
    open_link = banner.cssselect("[data-app-open]")[0]
    assert open_link.get("data-scheme-url").startswith("wartademo://")
    assert (
        doc.cssselect('meta[name="apple-itunes-app"]')[0]
        .get("content")
        .startswith("app-id=1234567890,")
    )


@pytest.mark.parametrize("url", [AASA, ASSETLINKS])
def test_without_it_the_files_stay_404(url):
    assert Client().get(url).status_code == 404


def test_without_it_no_banner(story):
    doc = lxml_html.fromstring(Client().get(story.get_absolute_url()).content)

    assert not doc.cssselect("[data-app-banner]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_with_the_example_app_a_phone_sees_the_banner(browser, live_server, demo_app, story):
    context = browser.new_context(user_agent=ANDROID_CHROME, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    banner = page.get_by_role("region", name="Continue in the app")
    banner.wait_for(state="visible")
    expect(banner).to_contain_text("Warta Demo (example)")
    expect(banner.get_by_role("link", name="Google Play")).to_be_visible()
    context.close()
