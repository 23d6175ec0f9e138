"""'Please Update your browser': the supported-browser policy, run in Chromium on real
user-agent strings, and the notice that appears only where the policy says so."""

import re

import pytest
from playwright.sync_api import expect

from warta.newsroom.tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLICY = {"chrome": 119, "edge": 119, "firefox": 120, "safari": 17, "samsung": 23}

# Real user-agent strings, as these browsers send them.
UA = {
    "ie11": "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
    "ie10": "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)",
    "safari_ios12": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1"
    ),
    "chrome_80": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/80.0.3987.149 Safari/537.36"
    ),
    "edge_legacy_18": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582"
    ),
    "firefox_esr_115": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0"
    ),
    "samsung_9": (
        "Mozilla/5.0 (Linux; Android 9; SAMSUNG SM-G960F) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/9.2 Chrome/67.0.3396.87 Mobile Safari/537.36"
    ),
    "android_4_browser": (
        "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; GT-I9100 Build/IML74K) AppleWebKit/534.30 "
        "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30"
    ),
    "opera_presto": "Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18",
    "chrome_current": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/142.0.0.0 Safari/537.36"
    ),
    "chrome_android_current": (
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/142.0.0.0 Mobile Safari/537.36"
    ),
    "firefox_current": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0"
    ),
    "safari_18_macos": (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Safari/605.1.15"
    ),
    "safari_26_ios": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1"
    ),
    "chrome_ios_current": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) CriOS/142.0.7444.77 Mobile/15E148 Safari/604.1"
    ),
    "edge_current": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0"
    ),
    "samsung_current": (
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36"
    ),
    "opera_current": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/140.0.0.0 Safari/537.36 OPR/124.0.0.0"
    ),
    "android_webview_current": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/128.0.6613.127 Mobile Safari/537.36"
    ),
    "android_webview_old": (
        "Mozilla/5.0 (Linux; Android 5.1.1; Nexus 5 Build/LMY48B; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/43.0.2357.65 Mobile Safari/537.36"
    ),
    "googlebot": (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/141.0.7390.122 Mobile Safari/537.36 "
        "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    ),
    "bingbot": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "empty": "",
}

# (browser identified, major version, gets the notice)
EXPECTED = {
    "ie11": ("ie", 11, True),
    "ie10": ("ie", 10, True),
    "safari_ios12": ("safari", 12, True),
    "chrome_80": ("chrome", 80, True),
    "edge_legacy_18": ("edge", 18, True),
    "firefox_esr_115": ("firefox", 115, True),
    "samsung_9": ("samsung", 9, True),
    "android_4_browser": ("android", None, True),
    "opera_presto": ("presto", None, True),
    "chrome_current": ("chrome", 142, False),
    "chrome_android_current": ("chrome", 142, False),
    "firefox_current": ("firefox", 145, False),
    "safari_18_macos": ("safari", 18, False),
    "safari_26_ios": ("safari", 26, False),
    "chrome_ios_current": ("safari", 18, False),
    "edge_current": ("edge", 142, False),
    "samsung_current": ("samsung", 28, False),
    "opera_current": ("chrome", 140, False),
    "android_webview_current": ("chrome", 128, False),
    "android_webview_old": ("chrome", 43, True),
    "googlebot": ("bot", None, False),
    "bingbot": ("bot", None, False),
    "empty": ("unknown", None, False),
}

RUN_POLICY = """async ([cases, policy]) => {
  const m = await import('/static/web/browser-policy.js');
  const out = {};
  for (const [key, ua] of Object.entries(cases)) {
    const b = m.identifyBrowser(ua);
    out[key] = [b.name, b.version, m.browserNeedsUpdate(ua, policy)];
  }
  return out;
}"""


@pytest.fixture
def story():
    return ArticleFactory(headline="A story for every browser")


def _notice_visible(page) -> bool:
    return page.locator("#browser-notice").is_visible()


def test_the_policy_judges_real_user_agent_strings(page, live_server):
    page.goto(live_server.url + "/")

    results = {key: tuple(value) for key, value in page.evaluate(RUN_POLICY, [UA, POLICY]).items()}

    assert results == EXPECTED


def test_the_page_carries_the_policy_from_settings(page, live_server, settings):
    settings.WARTA_SUPPORTED_BROWSERS = {"chrome": 130, "firefox": 131}
    page.goto(live_server.url + "/")

    policy = page.evaluate(
        "JSON.parse(document.getElementById('warta-browser-policy').textContent)"
    )

    assert policy == {"chrome": 130, "firefox": 131}


def test_client_hints_name_a_chromium_browser_the_string_does_not(page, live_server):
    page.goto(live_server.url + "/")

    found = page.evaluate(
        """async () => {
          const m = await import('/static/web/browser-policy.js');
          const hints = {brands: [{brand: "Not)A;Brand", version: "99"},
                                  {brand: "Microsoft Edge", version: "100"},
                                  {brand: "Chromium", version: "100"}]};
          return m.identifyBrowser("Mozilla/5.0 (X11; Linux x86_64)", hints);
        }"""
    )

    assert found == {"name": "edge", "version": 100}


def test_notice_appears_for_internet_explorer(browser, live_server, story):
    context = browser.new_context(user_agent=UA["ie11"])
    page = context.new_page()

    page.goto(live_server.url + story.get_absolute_url())

    notice = page.locator("#browser-notice")
    notice.wait_for(state="visible")
    expect(page.get_by_role("heading", name="Please Update your browser")).to_be_visible()
    text = notice.inner_text()
    assert (
        "Your browser is out of date, and may not be compatible with our website. "
        "A list of the most popular web browsers can be found below." in text
    )
    assert "Just click on the icons to get to the download page." in text
    links = {a.inner_text(): a.get_attribute("href") for a in notice.get_by_role("link").all()}
    assert links == {
        "Google Chrome": "https://www.google.com/chrome/",
        "Mozilla Firefox": "https://www.mozilla.org/firefox/new/",
        "Microsoft Edge": "https://www.microsoft.com/edge",
        "Apple Safari": "https://www.apple.com/safari/",
    }
    context.close()


@pytest.mark.parametrize("browser_key", ["safari_ios12", "chrome_80"])
def test_notice_appears_for_other_outdated_browsers(browser, live_server, story, browser_key):
    context = browser.new_context(user_agent=UA[browser_key])
    page = context.new_page()

    page.goto(live_server.url + story.get_absolute_url())

    page.locator("#browser-notice").wait_for(state="visible")
    context.close()


@pytest.mark.parametrize(
    "browser_key", ["chrome_current", "firefox_current", "safari_18_macos", "samsung_current"]
)
def test_notice_stays_hidden_for_current_browsers(browser, live_server, story, browser_key):
    context = browser.new_context(user_agent=UA[browser_key])
    page = context.new_page()

    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("load")
    page.wait_for_function("document.getElementById('warta-browser-policy') !== null")
    page.evaluate("() => new Promise(requestAnimationFrame)")

    assert not _notice_visible(page)
    context.close()


def test_notice_stays_hidden_for_this_chromium(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("load")

    assert not _notice_visible(page)


def test_raising_the_policy_in_settings_shows_the_notice(page, live_server, settings, story):
    settings.WARTA_SUPPORTED_BROWSERS = {**POLICY, "chrome": 10_000}

    page.goto(live_server.url + story.get_absolute_url())

    page.locator("#browser-notice").wait_for(state="visible")


def test_nomodule_script_shows_the_notice_and_is_es3(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("load")
    script = page.locator("script[nomodule]")

    source = page.request.get(live_server.url + script.get_attribute("src")).text()

    # Only syntax that Internet Explorer and old Safari parse.
    assert not re.search(r"=>|`|\b(let|const|class|async|await)\b|\?\.|\.\.\.", source)
    assert not _notice_visible(page)  # modern browsers skip nomodule scripts
    page.evaluate(source)  # as a browser without modules runs it
    assert _notice_visible(page)


def test_without_javascript_a_modern_browser_shows_no_notice(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + story.get_absolute_url())

    assert page.locator("#browser-notice").count() == 1
    assert not _notice_visible(page)
    context.close()


def _route_download_pages(page) -> list[str]:
    visited: list[str] = []

    def fulfil(route):
        visited.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Download</title>")

    page.route(re.compile(r"^https://(?!127\.0\.0\.1|localhost).*"), fulfil)
    return visited


def test_notice_links_work_with_the_mouse(browser, live_server, story):
    context = browser.new_context(user_agent=UA["ie11"])
    page = context.new_page()
    visited = _route_download_pages(page)
    page.goto(live_server.url + story.get_absolute_url())

    page.get_by_role("link", name="Mozilla Firefox").click()

    page.wait_for_url("https://www.mozilla.org/firefox/new/")
    assert visited == ["https://www.mozilla.org/firefox/new/"]
    context.close()


def test_notice_links_work_with_the_keyboard_alone(browser, live_server, story):
    context = browser.new_context(user_agent=UA["ie11"])
    page = context.new_page()
    visited = _route_download_pages(page)
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("#browser-notice").wait_for(state="visible")

    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Google Chrome"
    page.keyboard.press("Enter")

    page.wait_for_url("https://www.google.com/chrome/")
    assert visited == ["https://www.google.com/chrome/"]
    context.close()
