"""Continue in the app, in Chromium: the banner on a phone and not on a desktop, dismissed with
the mouse or the keyboard, remembered for 30 days, and never where there is no app."""

import pytest
from playwright.sync_api import expect

from warta.newsroom.tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DAY_MS = 24 * 60 * 60 * 1000
IOS_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1"
)
IOS_CHROME = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/142.0.7444.77 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def app(settings):
    settings.WARTA_APP_NAME = "Warta Daily"
    settings.WARTA_APP_IOS_APP_ID = "1234567890"
    settings.WARTA_APP_ANDROID_PACKAGE = "news.example.warta"
    settings.WARTA_APP_SCHEME = "wartadaily"
    return settings


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(name="World", slug="world"), slug="port-opens")


def _banner(page):
    return page.get_by_role("region", name="Continue in the app")


def _open(page, live_server, story, viewport=PHONE):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("load")


def test_banner_shows_on_a_phone_and_opens_the_same_article(page, live_server, app, story):
    _open(page, live_server, story)

    banner = _banner(page)
    banner.wait_for(state="visible")
    # One evaluation, not wait_for_function: its polling evaluates a string, which the page's
    # Content-Security-Policy (no 'unsafe-eval', decision 0023) refuses.
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    box = banner.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # in view, at the bottom
    open_link = banner.get_by_role("link", name="Open in the app")
    assert open_link.get_attribute("href") == "https://news.example" + story.get_absolute_url()
    expect(banner.get_by_role("link", name="App Store")).to_be_visible()
    expect(banner.get_by_role("link", name="Google Play")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_banner_stays_away_on_a_desktop(page, live_server, app, story):
    _open(page, live_server, story, viewport=DESKTOP)

    assert page.locator("[data-app-banner]").count() == 1
    expect(page.locator("[data-app-banner]")).to_be_hidden()


def test_dismissed_with_the_mouse_it_stays_dismissed_after_a_reload(page, live_server, app, story):
    _open(page, live_server, story)

    _banner(page).get_by_role("button", name="Not now").click()

    expect(page.locator("[data-app-banner]")).to_be_hidden()
    page.reload()
    page.wait_for_load_state("load")
    expect(page.locator("[data-app-banner]")).to_be_hidden()


def test_dismissed_with_the_keyboard_alone(page, live_server, app, story):
    _open(page, live_server, story)
    _banner(page).wait_for(state="visible")

    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Not now":
            break
    else:
        raise AssertionError("Tab never reached the dismiss button")
    page.keyboard.press("Enter")

    expect(page.locator("[data-app-banner]")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "main"  # focus is not lost


def test_banner_comes_back_after_30_days(page, live_server, app, story):
    _open(page, live_server, story)
    page.evaluate(
        "days => localStorage.setItem('warta.appBanner.dismissedAt', String(Date.now() - days))",
        29 * DAY_MS,
    )
    page.reload()
    page.wait_for_load_state("load")
    expect(page.locator("[data-app-banner]")).to_be_hidden()
    page.evaluate(
        "days => localStorage.setItem('warta.appBanner.dismissedAt', String(Date.now() - days))",
        31 * DAY_MS,
    )
    page.reload()

    _banner(page).wait_for(state="visible")


def test_no_app_configured_no_banner(page, live_server, story):
    _open(page, live_server, story)

    assert page.locator("[data-app-banner]").count() == 0


def test_safari_on_ios_gets_its_own_smart_banner_not_ours(browser, live_server, app, story):
    context = browser.new_context(user_agent=IOS_SAFARI, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("load")

    assert page.locator('meta[name="apple-itunes-app"]').count() == 1
    expect(page.locator("[data-app-banner]")).to_be_hidden()
    context.close()

    context = browser.new_context(user_agent=IOS_CHROME, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    _banner(page).wait_for(state="visible")
    context.close()


def test_open_in_the_app_tries_the_apps_scheme_then_the_store_on_ios(
    browser, live_server, app, story
):
    context = browser.new_context(user_agent=IOS_CHROME, viewport=PHONE)
    page = context.new_page()
    store = "https://apps.apple.com/app/id1234567890"
    page.route(store, lambda route: route.fulfill(body="App Store"))
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate(
        """() => {
          window.__asked = [];
          const link = document.querySelector('[data-app-open]');
          link.addEventListener('click', (event) => {
            window.__asked.push(event.defaultPrevented ? 'handled by the script' : link.href);
          });
        }"""
    )

    page.get_by_role("link", name="Open in the app").click()

    # The app's scheme goes nowhere here (no app), so after a moment the App Store opens.
    assert page.evaluate("window.__asked") == ["handled by the script"]
    page.wait_for_url(store)
    context.close()
