"""The Content-Security-Policy in Chromium (docs/decisions/0023-content-security-policy.md): the
reader's pages raise no violation, enforced or reported, anonymous and signed in, and their tools
still work under it; the back office's dashboard raises none either."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from warta.accounts.models import User
from warta.gifts.tests.factories import premium_article, subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation the page meets, as the browser reports it (enforced or report-only).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    disposition: event.disposition, source: event.sourceFile + ":" + event.lineNumber,
  });
}, true);
"""


def _context(browser, live_server, user=None):
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(RECORD_VIOLATIONS)
    if user is not None:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "warta.accounts.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
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


def _violations(page, path):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # deferred scripts and what they add
    csp_console = [text for text in console if "Content Security Policy" in text]
    return page.evaluate("window.__cspViolations"), csp_console


def test_the_readers_pages_meet_no_violation(browser, live_server):
    article = premium_article()
    context = _context(browser, live_server)
    page = context.new_page()

    for path in ("/", article.get_absolute_url(), article.get_absolute_url(), "/search/?q=x"):
        assert _violations(page, path) == ([], []), path

    # Its tools work under the policy: the first-paint script (allowed by its hash) applies the
    # stored size, text-size.js switches it, share.js opens the panel.
    page.evaluate("localStorage.setItem('warta.textSize', 'large')")
    page.goto(article.get_absolute_url())
    assert page.evaluate("document.documentElement.getAttribute('data-text-size')") == "large"
    page.locator("[data-text-size-control] button", has_text="Small").click()
    assert page.evaluate("document.documentElement.getAttribute('data-text-size')") == "small"
    page.locator("[data-share] summary").first.click()
    assert page.locator("[data-share] details[open], details[data-share][open]").count() == 1
    assert page.evaluate("window.__cspViolations") == []
    context.close()


def test_a_subscribers_pages_meet_no_violation(browser, live_server):
    article = premium_article()
    context = _context(browser, live_server, subscriber())
    page = context.new_page()

    for path in ("/", article.get_absolute_url(), "/account/", "/gift/"):
        assert _violations(page, path) == ([], []), path
    context.close()


def test_the_back_office_dashboard_meets_no_violation(browser, live_server):
    admin = User.objects.create_superuser("desk", "desk@example.org", "x")
    context = _context(browser, live_server, admin)
    page = context.new_page()

    violations, console = _violations(page, "/admin/")

    assert page.locator("main").count() == 1
    assert violations == [] and console == []
    context.close()
