"""On a phone no reader page scrolls sideways (360 px wide), and the gift tables fit a 390 px
screen instead of running off it (issue 11)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from warta.gifts.services import gift_create, gift_open, gift_revoke
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    paragraphs,
)
from warta.subscriptions.tests.factories import default_plans

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("cache_mode"),
]

PHONE = 360
GIFT_TABLE_PHONE = 390
LONG_HEADLINE = (
    "Analysis: foreign investors are edging back into rupiah bonds after a year of outflows, "
    "but will the return of the carry trade last through the next rate decision?"
)


def _sign_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.fixture
def site():
    """A small newsroom, and a subscriber with a few gifts: opened, unopened and revoked."""
    default_plans()
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    tag = TagFactory(name="Infrastructure", slug="infrastructure")
    author = AuthorFactory(name="Ayu Lestari", slug="ayu-lestari")
    now = timezone.now()
    free = ArticleFactory(
        section=world,
        headline="Port opens to container ships after a decade of dredging and delays",
        authors=[author],
        tags=[tag],
        hero_image=NewsImageFactory(),
        first_published_at=now - timedelta(hours=1),
        body=paragraphs("Ships docked on Monday.", "The port had waited ten years."),
    )
    premium = premium_article(
        section=business,
        headline=LONG_HEADLINE,
        authors=[author],
        tags=[tag],
        hero_image=NewsImageFactory(),
        first_published_at=now - timedelta(hours=2),
    )
    others = [
        premium_article(section=business, headline=f"Gifted story number {n}", n=f"-{n}")
        for n in range(2)
    ]
    gifter = subscriber(display_name="Jakarta Reader Club")
    opened = gift_create(gifter=gifter, article=premium, now=now)
    gift_open(token=opened.token, article=premium, browser_key="", now=now)
    gift_create(gifter=gifter, article=others[0], now=now)
    revoked = gift_create(gifter=gifter, article=others[1], now=now)
    gift_revoke(gift=revoked.gift, by=gifter, now=now)
    return {
        "free": free,
        "premium": premium,
        "gifter": gifter,
        "gift_url": f"{premium.get_absolute_url()}?gift={opened.token}",
        "revoke_url": f"/gift/{opened.gift.pk}/revoke/",
        "section": world.get_absolute_url(),
        "tag": f"/tag/{tag.slug}/",
        "author": author.get_absolute_url(),
    }


def _widths(context, live_server, paths: list[str], width: int) -> dict[str, int]:
    """Each page's document width, by path (what scrolls sideways is wider than the screen)."""
    page = context.new_page()
    widths = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    return widths


def _too_wide(widths: dict[str, int], width: int) -> dict[str, int]:
    return {path: w for path, w in widths.items() if w > width}


def test_no_page_scrolls_sideways_at_360_px_for_an_anonymous_reader(browser, live_server, site):
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    paths = [
        "/",
        site["section"],
        site["tag"],
        site["author"],
        site["free"].get_absolute_url(),
        site["premium"].get_absolute_url(),  # the teaser and the paywall
        "/search/?q=port",
        "/search/?q=",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/subscribe/",
    ]

    widths = _widths(context, live_server, paths, PHONE)
    gift_reader = _widths(context, live_server, [site["gift_url"]], PHONE)  # the gift banner

    assert len(widths) == len(paths)
    assert _too_wide({**widths, **gift_reader}, PHONE) == {}
    context.close()


def test_no_page_scrolls_sideways_at_360_px_for_a_subscriber(browser, live_server, site):
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    _sign_in(context, live_server, site["gifter"])
    paths = [
        "/",
        site["section"],
        site["tag"],
        site["author"],
        site["free"].get_absolute_url(),
        site["premium"].get_absolute_url(),  # whole, with the gift offer
        "/search/?q=port",
        "/account/",
        "/gift/",
        site["revoke_url"],
        "/subscribe/",
    ]

    widths = _widths(context, live_server, paths, PHONE)

    assert len(widths) == len(paths)
    assert _too_wide(widths, PHONE) == {}
    context.close()


def test_the_gift_dialog_and_the_gift_link_page_fit_360_px(browser, live_server, site):
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    _sign_in(context, live_server, site["gifter"])
    page = context.new_page()
    page.goto(live_server.url + site["premium"].get_absolute_url())

    page.get_by_role("button", name="Gift this article").click()
    page.locator("dialog.gift-dialog input.gift-link").wait_for()
    in_dialog = page.evaluate("document.documentElement.scrollWidth")
    dialog_right = page.locator("dialog.gift-dialog").evaluate(
        "e => e.getBoundingClientRect().right"
    )
    context.close()
    no_script = browser.new_context(
        viewport={"width": PHONE, "height": 740}, java_script_enabled=False
    )
    _sign_in(no_script, live_server, site["gifter"])
    page = no_script.new_page()
    page.goto(live_server.url + site["premium"].get_absolute_url())
    page.get_by_role("button", name="Gift this article").click()  # the page, not the dialog
    link_page = page.evaluate("document.documentElement.scrollWidth")

    assert page.get_by_role("heading", level=1).inner_text() == "You gifted this article already"
    assert in_dialog <= PHONE and dialog_right <= PHONE
    assert link_page <= PHONE
    no_script.close()


@pytest.mark.parametrize("path", ["/gift/", "/account/"])
def test_the_gift_tables_fit_a_390_px_screen(browser, live_server, site, path):
    context = browser.new_context(viewport={"width": GIFT_TABLE_PHONE, "height": 844})
    _sign_in(context, live_server, site["gifter"])
    page = context.new_page()

    page.goto(live_server.url + path)

    table = page.locator(".gift-table").first
    assert table.locator("tbody tr").count() == 3
    table_width = table.evaluate("e => Math.max(e.scrollWidth, e.getBoundingClientRect().right)")
    wrapper = table.evaluate("e => [e.parentElement.scrollWidth, e.parentElement.clientWidth]")
    assert table_width <= GIFT_TABLE_PHONE
    assert wrapper[0] <= wrapper[1]  # nothing hidden off to the side of its box either
    assert page.evaluate("document.documentElement.scrollWidth") <= GIFT_TABLE_PHONE
    # Every line still says what it is, as the column headings did.
    assert "Gifted:" in table.locator("td[data-label=Gifted]").first.evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    context.close()
