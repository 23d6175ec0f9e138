"""Change text size in Chromium: mouse and keyboard, at once, before the first paint, after a
reload, on other pages, and on another device for a signed-in reader."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from warta.accounts.models import User
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory, paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The article body's font size for each choice (the stylesheet's --body-size times the scale).
BODY_PX = {"small": "16px", "medium": "18px", "large": "22px"}

# Runs before any of the page's own scripts: records, the moment the article body is parsed, the
# size on <html>, and in the first animation frame (before the first paint) the body's font size.
# Were the size applied by a deferred script, the first record would be empty and the frame
# would see 18px.
WATCH_FIRST_PAINT = """
window.__firstPaint = {};
new MutationObserver((records, observer) => {
  const body = document.querySelector('.article-body');
  if (!body) return;
  observer.disconnect();
  window.__firstPaint.atParse = document.documentElement.getAttribute('data-text-size');
  requestAnimationFrame(() => {
    window.__firstPaint.fontSize = getComputedStyle(body).fontSize;
  });
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def stories():
    world = SectionFactory(name="World", slug="world")
    first = ArticleFactory(
        section=world,
        headline="Ministers agree on a working group",
        body=paragraphs("The first paragraph of the story.", "The second."),
    )
    second = ArticleFactory(section=world, headline="Port opens to ships")
    return first, second


def _body_size(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.article-body')).fontSize")


def _pressed(page) -> dict[str, str]:
    return {
        size: page.get_by_role("button", name=size.capitalize()).get_attribute("aria-pressed")
        for size in BODY_PX
    }


def _sign_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def _tab_to(page, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _first_paint(page) -> dict:
    page.wait_for_function("window.__firstPaint && window.__firstPaint.fontSize")
    return page.evaluate("window.__firstPaint")


def test_choosing_a_size_with_the_mouse_applies_it_at_once(page, live_server, stories):
    page.goto(live_server.url + stories[0].get_absolute_url())
    group = page.get_by_role("group", name="Change text size")
    expect(group).to_be_visible()
    assert _body_size(page) == BODY_PX["medium"]
    assert _pressed(page) == {"small": "false", "medium": "true", "large": "false"}
    dek_before = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.dek')).fontSize)"
    )

    group.get_by_role("button", name="Large").click()

    assert _body_size(page) == BODY_PX["large"]
    assert _pressed(page) == {"small": "false", "medium": "false", "large": "true"}
    dek_after = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.dek')).fontSize)"
    )
    assert dek_after > dek_before

    group.get_by_role("button", name="Small").click()

    assert _body_size(page) == BODY_PX["small"]
    assert _pressed(page) == {"small": "true", "medium": "false", "large": "false"}


def test_choosing_a_size_with_the_keyboard_alone(page, live_server, stories):
    page.goto(live_server.url + stories[0].get_absolute_url())

    _tab_to(page, "ALarge")
    page.keyboard.press("Enter")
    assert _body_size(page) == BODY_PX["large"]

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.size") == "small"
    page.keyboard.press("Space")
    assert _body_size(page) == BODY_PX["small"]
    assert _pressed(page)["small"] == "true"
    # Focus stays where the reader is, and it is visible.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_the_size_survives_a_reload_and_applies_before_the_first_paint(page, live_server, stories):
    page.goto(live_server.url + stories[0].get_absolute_url())
    page.get_by_role("button", name="Large").click()
    page.add_init_script(WATCH_FIRST_PAINT)

    page.reload()

    assert _first_paint(page) == {"atParse": "large", "fontSize": BODY_PX["large"]}
    assert _pressed(page)["large"] == "true"


def test_the_size_follows_the_reader_to_other_pages(page, live_server, stories):
    page.goto(live_server.url + stories[0].get_absolute_url())
    page.get_by_role("button", name="Small").click()
    page.add_init_script(WATCH_FIRST_PAINT)

    page.goto(live_server.url + stories[1].get_absolute_url())

    assert _first_paint(page) == {"atParse": "small", "fontSize": BODY_PX["small"]}


def test_the_accounts_cookie_sets_the_size_where_local_storage_is_empty(
    browser, live_server, stories
):
    context = browser.new_context()
    context.add_cookies([{"name": "warta_text_size", "value": "large", "url": live_server.url}])
    context.add_init_script(WATCH_FIRST_PAINT)
    page = context.new_page()

    page.goto(live_server.url + stories[0].get_absolute_url())

    assert _first_paint(page) == {"atParse": "large", "fontSize": BODY_PX["large"]}
    context.close()


def test_without_javascript_the_article_reads_at_medium_with_no_dead_buttons(
    browser, live_server, stories
):
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies([{"name": "warta_text_size", "value": "large", "url": live_server.url}])
    page = context.new_page()

    page.goto(live_server.url + stories[0].get_absolute_url())

    assert page.get_by_role("group", name="Change text size").count() == 0
    assert page.get_by_role("button", name="Large").count() == 0
    assert _body_size(page) == BODY_PX["medium"]  # Playwright reads it; the page runs nothing
    context.close()


def test_a_signed_in_readers_size_follows_them_to_a_new_device(browser, live_server, stories):
    reader = User.objects.create_user(username="reader", email="reader@example.org")
    laptop = browser.new_context()
    _sign_in(laptop, live_server, reader)
    page = laptop.new_page()
    page.goto(live_server.url + stories[0].get_absolute_url())

    with page.expect_response("**/account/text-size/") as saved:
        page.get_by_role("button", name="Large").click()

    assert saved.value.status == 200
    reader.refresh_from_db()
    assert reader.text_size == "large"
    cookies = {c["name"]: c["value"] for c in laptop.cookies()}
    assert cookies["warta_text_size"] == "large"
    laptop.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    _sign_in(phone, live_server, reader)
    phone.add_init_script(WATCH_FIRST_PAINT)
    page = phone.new_page()
    page.goto(live_server.url + stories[1].get_absolute_url())

    assert _first_paint(page) == {"atParse": "large", "fontSize": BODY_PX["large"]}
    assert _pressed(page)["large"] == "true"
    # Signed out later, this browser keeps the size.
    assert page.evaluate("localStorage.getItem('warta.textSize')") == "large"
    phone.close()


def test_an_anonymous_reader_never_calls_the_account(page, live_server, stories):
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if "/account/" in r.url else None)
    page.goto(live_server.url + stories[0].get_absolute_url())

    page.get_by_role("button", name="Large").click()

    assert _body_size(page) == BODY_PX["large"]
    assert calls == []
