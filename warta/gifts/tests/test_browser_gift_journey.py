"""The whole gift journey in a real browser: gift, open in another browser, revoke."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from warta.gifts.tests.factories import CANARY, premium_article, subscriber

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("cache_mode"),  # caches off, and as production runs them
]


def _signed_in_context(browser, live_server, user, **options):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "warta.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(base_url=live_server.url, **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_subscriber_gifts_a_reader_reads_then_the_link_is_revoked(browser, live_server, settings):
    settings.WARTA_BASE_URL = live_server.url
    gifter = subscriber(display_name="Jakarta Reader Club")
    article = premium_article(headline="Rupiah bonds draw foreign money back")

    # The subscriber gifts the article from its page, with the dialog and the copy button.
    gifter_context = _signed_in_context(browser, live_server, gifter)
    gifter_context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = gifter_context.new_page()
    page.goto(article.get_absolute_url())
    assert page.locator(".gift-offer .gift-left").inner_text() == "5 gifts left this month."
    page.get_by_role("button", name="Gift this article").click()
    dialog = page.locator("dialog.gift-dialog")
    link_field = dialog.locator("input.gift-link")
    link_field.wait_for()
    link = link_field.input_value()
    assert re.search(r"\?gift=[A-Za-z0-9_-]{43}$", link)
    dialog.get_by_role("button", name="Copy link").click()
    expect(dialog.locator(".copy-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    expect(dialog.locator(".gift-left")).to_have_text("4 gifts left this month.")

    # Someone else, with no account, opens the link: whole article, banner, clean address.
    reader = browser.new_context().new_page()
    reader.goto(link)
    assert reader.url == live_server.url + article.get_absolute_url()
    assert CANARY in reader.locator(".article-body").inner_text()
    banner = reader.locator(".gift-banner").inner_text()
    assert "Jakarta Reader Club gifted you this article" in banner
    assert "gifter@example.org" not in reader.content()

    # The subscriber revokes it from the gift list.
    page.goto("/gift/")
    assert "1 time on 1 device" in page.locator(".gift-table").inner_text()
    page.get_by_role("button", name=re.compile("Revoke")).click()
    expect(page.get_by_text("It has been opened, so it still counts")).to_be_visible()
    page.get_by_role("button", name="Revoke the link").click()
    assert "revoked" in page.locator("[role=status]").inner_text()

    # The reader's next visit: the teaser, and a clear message instead of the article.
    reader.reload()
    assert CANARY not in reader.content()
    expect(reader.get_by_role("heading", name="This gift link is no longer active")).to_be_visible()
    assert "The opening anyone may read." in reader.locator(".article-body").inner_text()


def test_gifting_works_without_javascript(browser, live_server, settings):
    settings.WARTA_BASE_URL = live_server.url
    gifter = subscriber()
    article = premium_article()
    page = _signed_in_context(browser, live_server, gifter, java_script_enabled=False).new_page()

    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Gift this article").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Your gift link is ready"
    link = page.locator("input.gift-link").input_value()
    assert "?gift=" in link
    assert "4 gifts left this month." in page.content()


def test_gifting_again_in_the_dialog_says_so_and_the_last_gift_says_when_they_renew(
    browser, live_server, settings
):
    settings.WARTA_BASE_URL = live_server.url
    gifter = subscriber(gifts=2)
    article, last = premium_article(), premium_article(n="-last")
    page = _signed_in_context(browser, live_server, gifter).new_page()
    page.goto(article.get_absolute_url())
    dialog = page.locator("dialog.gift-dialog")
    offer_line = page.locator(".gift-offer > p .gift-left")

    page.get_by_role("button", name="Gift this article").click()
    expect(dialog.locator(".gift-left")).to_have_text("1 gift left this month.")
    first = dialog.locator("input.gift-link").input_value()
    dialog.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Gift this article").click()

    expect(dialog.locator(".gift-left")).to_have_text(
        "You gifted this article already: same link, no gift used. 1 gift left this month."
    )
    assert dialog.locator("input.gift-link").input_value() == first
    expect(offer_line).to_have_text("1 gift left this month.")

    page.goto(last.get_absolute_url())
    page.get_by_role("button", name="Gift this article").click()
    expect(dialog.locator(".gift-left")).to_contain_text(
        "You have no gifts left this month; your allowance renews on 1 "
    )
    expect(offer_line).to_contain_text("You have no gifts left this month")
