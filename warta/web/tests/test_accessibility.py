"""An axe-core audit (WCAG 2.2 AA rules) of the reader's pages in Chromium: no violations.

axe-playwright-python ships axe.min.js, so this runs offline. The reader tools are audited open
too (share panel, app banner, browser notice), with axe's best practices as well."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.utils import timezone

from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
    paragraphs,
)
from warta.subscriptions.tests.factories import default_plans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"
AXE = Axe()


def _report(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]
        )
    return "\n".join(lines)


def _audit(page, *, tags=WCAG_22_AA, context=None) -> None:
    page.wait_for_load_state("load")
    results = AXE.run(page, context=context, options={"runOnly": {"type": "tag", "values": tags}})
    assert results.violations_count == 0, f"{page.url}\n{_report(results)}"


def _sign_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def newsroom():
    default_plans()
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    security = TagFactory(name="Security", slug="security")
    now = timezone.now()
    free = ArticleFactory(
        section=world,
        slug="security-talks",
        headline="China and Pakistan agree to deepen security cooperation",
        dek="A quarterly working group will review threats to projects.",
        wire_source=WireSourceFactory(),
        dateline="Islamabad, Pakistan",
        hero_image=NewsImageFactory(),
        tags=[security],
        first_published_at=now - timedelta(hours=1),
        body=[
            *paragraphs("China and Pakistan agreed to widen cooperation.", "Ministers will meet."),
            ("subheading", "A working group"),
            ("quote", {"text": "Security comes first.", "attribution": "The ministry"}),
            *paragraphs("The group meets every quarter."),
        ],
    )
    ArticleFactory(
        section=business,
        headline="Port opens to container ships",
        authors=[AuthorFactory(name="Ayu Lestari")],
        hero_image=NewsImageFactory(),
        first_published_at=now - timedelta(hours=2),
        related_articles=[free],
    )
    premium = premium_article(
        section=business,
        slug="premium-story",
        headline="Inside the port deal",
        hero_image=NewsImageFactory(),
        first_published_at=now - timedelta(hours=3),
    )
    return {"free": free, "premium": premium}


@pytest.mark.parametrize(
    "name,path",
    [
        ("home", "/"),
        ("section", "/world/"),
        ("search", "/search/?q=security"),
        ("subscribe", "/subscribe/"),
    ],
)
def test_public_pages_have_no_violations(page, live_server, newsroom, name, path):
    page.goto(live_server.url + path)

    _audit(page)


def test_free_article_has_no_violations(page, live_server, newsroom):
    page.goto(live_server.url + newsroom["free"].get_absolute_url())

    _audit(page)


def test_premium_teaser_has_no_violations(page, live_server, newsroom):
    page.goto(live_server.url + newsroom["premium"].get_absolute_url())
    assert page.locator(".paywall").is_visible()

    _audit(page)


def test_premium_article_read_in_full_by_a_subscriber_has_no_violations(
    browser, live_server, newsroom
):
    context = browser.new_context()
    _sign_in(context, live_server, subscriber())
    page = context.new_page()

    page.goto(live_server.url + newsroom["premium"].get_absolute_url())

    assert not page.locator(".paywall").count()
    assert page.locator(".gift-offer").is_visible()
    _audit(page)
    context.close()


@pytest.mark.parametrize("path", ["/account/", "/gift/"])
def test_account_and_gift_list_pages_have_no_violations(browser, live_server, newsroom, path):
    gifter = subscriber()
    gift_create(gifter=gifter, article=newsroom["premium"], now=timezone.now())
    context = browser.new_context()
    _sign_in(context, live_server, gifter)
    page = context.new_page()

    page.goto(live_server.url + path)

    assert page.url == live_server.url + path  # not sent to sign in
    _audit(page)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_reader_tools_open_have_no_violations(browser, live_server, newsroom, settings, width):
    settings.WARTA_APP_NAME = "Warta Daily"
    settings.WARTA_APP_IOS_APP_ID = "1234567890"
    settings.WARTA_APP_ANDROID_PACKAGE = "news.example.warta"
    context = browser.new_context(user_agent=IE11, viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + newsroom["free"].get_absolute_url())
    page.locator("#browser-notice").wait_for(state="visible")

    page.get_by_role("button", name="Large").click()
    page.locator("summary.share-button").click()
    page.get_by_role("button", name="Copy link").click()
    page.locator(".share-status").wait_for()
    if width == 390:
        page.get_by_role("region", name="Continue in the app").wait_for(state="visible")

    _audit(page)
    tools = [[".reader-tools"], ["#browser-notice"]] + ([[".app-banner"]] if width == 390 else [])
    _audit(page, tags=[*WCAG_22_AA, "best-practice"], context={"include": tools})
    context.close()
