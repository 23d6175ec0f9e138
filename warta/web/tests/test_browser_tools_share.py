"""Share options in Chromium: the panel with the mouse and with the keyboard alone, its links,
'Copy link' and its 'Copied', the device's share sheet where there is one, and no JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A device with a share sheet: navigator.share records what it was asked to share.
FAKE_SHARE_SHEET = """
window.__shared = [];
navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
"""


@pytest.fixture
def story():
    return ArticleFactory(
        section=SectionFactory(name="World", slug="world"),
        slug="port-opens",
        headline="Port opens to container ships",
        dek="The first ships dock on Monday.",
    )


@pytest.fixture
def canonical(story):
    return "https://news.example" + story.get_absolute_url()


def _panel(page):
    return page.locator(".share-panel")


def _tab_to(page, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_share_panel_opens_with_the_mouse_and_lists_every_option(
    page, live_server, story, canonical
):
    page.goto(live_server.url + story.get_absolute_url() + "?utm_source=newsletter")
    expect(_panel(page)).to_be_hidden()
    page.locator("summary", has_text="Share").click()

    expect(_panel(page)).to_be_visible()
    names = (
        _panel(page)
        .locator("li > *")
        .evaluate_all("items => items.map(item => item.textContent.trim())")
    )
    assert names == [
        "Share on WhatsApp",
        "Share on Facebook",
        "Share on X",
        "Share on LinkedIn",
        "Share on Telegram",
        "Share on E-mail",
        "Copy link",
    ]
    whatsapp = page.get_by_role("link", name="Share on WhatsApp")
    expect(whatsapp).to_be_visible()
    for link in _panel(page).get_by_role("link").all():
        query = parse_qs(urlsplit(link.get_attribute("href")).query)
        assert any(canonical in value for values in query.values() for value in values)
        assert "utm_source" not in link.get_attribute("href")


def test_share_links_open_their_service(page, live_server, story, canonical):
    opened: list[str] = []
    page.context.route(
        "https://wa.me/**",
        lambda route: (opened.append(route.request.url), route.fulfill(body="WhatsApp"))[1],
    )
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("summary", has_text="Share").click()

    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Share on WhatsApp").click()

    new_tab.value.wait_for_load_state()
    text = parse_qs(urlsplit(opened[0]).query)["text"][0]
    assert text == f"Port opens to container ships {canonical}"


def test_copy_link_copies_the_canonical_url_and_says_copied(page, live_server, story, canonical):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + story.get_absolute_url() + "?utm_source=newsletter")
    page.locator("summary", has_text="Share").click()

    page.get_by_role("button", name="Copy link").click()

    status = page.locator(".share-status")
    expect(status).to_have_text("Copied")
    expect(status).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_share_panel_works_with_the_keyboard_alone(page, live_server, story, canonical):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + story.get_absolute_url())

    _tab_to(page, "Share")
    page.keyboard.press("Enter")
    expect(_panel(page)).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Share on WhatsApp"
    _tab_to(page, "Copy link", limit=7)
    page.keyboard.press("Enter")
    expect(page.locator(".share-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == canonical

    page.keyboard.press("Escape")

    expect(_panel(page)).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # Said once, then cleared (the details element's toggle event comes a moment later).
    expect(page.locator("[data-share-status]")).to_have_text("")
    page.keyboard.press("Space")
    expect(_panel(page)).to_be_visible()


def test_a_click_elsewhere_closes_the_panel(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("summary", has_text="Share").click()

    page.locator("h1").click()

    expect(_panel(page)).to_be_hidden()


def test_the_devices_share_sheet_opens_instead_of_the_panel(page, live_server, story, canonical):
    page.add_init_script(FAKE_SHARE_SHEET)
    page.goto(live_server.url + story.get_absolute_url() + "?utm_source=newsletter")

    page.locator("summary", has_text="Share").click()

    assert page.evaluate("window.__shared") == [
        {
            "title": "Port opens to container ships",
            "text": "The first ships dock on Monday.",
            "url": canonical,
        }
    ]
    expect(_panel(page)).to_be_hidden()


def test_the_share_sheet_opens_from_the_keyboard_too(page, live_server, story):
    page.add_init_script(FAKE_SHARE_SHEET)
    page.goto(live_server.url + story.get_absolute_url())

    _tab_to(page, "Share")
    page.keyboard.press("Enter")

    assert len(page.evaluate("window.__shared")) == 1


def test_without_javascript_the_panel_still_opens_with_plain_links(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    page.locator("summary", has_text="Share").click()

    expect(_panel(page)).to_be_visible()
    expect(page.get_by_role("link", name="Share on Telegram")).to_be_visible()
    assert page.get_by_role("button", name="Copy link").count() == 0  # needs a script
    context.close()
