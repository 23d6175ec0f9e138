"""Content-Security-Policy and Permissions-Policy, header by header, on every kind of page
(docs/decisions/0023-content-security-policy.md): reader pages (shared ones from the page cache
too) allow their inline script by hash and carry no nonce; the back office enforces its baseline
and reports the strict policy; every inline script or style a page carries is allowed by its
policy."""

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.csp import LazyNonce

from warta.accounts.models import User
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.tests.factories import ArticleFactory
from warta.web.cache_policy import response_is_personal
from warta.web.content_security import (
    FIRST_PAINT_SCRIPT,
    FIRST_PAINT_SCRIPT_HASH,
    PERMISSIONS_POLICY,
    SecurityHeadersMiddleware,
)
from warta.web.page_cache import HIT_HEADER
from warta.web.tests.page_cache_client import PageCacheClient
from warta.web.text_size import TEXT_SIZE_COOKIE

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
ENFORCE = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"
# <script> types a browser runs; any other (application/ld+json, application/json) is data.
SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}

# The reader's policy, directive by directive.
READER = {
    "default-src": ["'self'"],
    "script-src": ["'self'", FIRST_PAINT_SCRIPT_HASH],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
ADMIN_STRICT = {
    **READER,
    "script-src": ["'self'"],  # and the nonce, when a template reads it
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
ADMIN_ENFORCED = {
    **ADMIN_STRICT,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
}


def policy(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        assert name not in directives, f"{name} twice"
        directives[name] = values
    return directives


def source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def assert_inline_code_allowed(html: str, csp: dict[str, list[str]]) -> int:
    """Every inline script and style of the page is allowed by the policy, by hash or nonce; no
    style attribute and no event-handler attribute. Returns how many inline scripts it checked."""
    document = lxml.html.fromstring(html)
    nonces = {f"'nonce-{n}'" for n in document.xpath("//@nonce")}
    checked = 0
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        for element in document.iter(kind):
            if kind == "script" and (
                element.get("src") or (element.get("type") or "").lower() not in SCRIPT_TYPES
            ):
                continue
            allowed = csp[directive]
            nonce = element.get("nonce")
            if nonce:
                assert f"'nonce-{nonce}'" in allowed, f"<{kind}> with a nonce the policy lacks"
            else:
                digest = source_hash(element.text or "")
                assert digest in allowed, f"inline <{kind}> not allowed ({digest}): {element.text}"
            checked += 1
    assert not document.xpath("//@style"), "a style attribute"
    handlers = [a for a in document.xpath("//@*") if a.attrname.lower().startswith("on")]
    assert not handlers, f"event-handler attributes: {handlers}"
    assert nonces <= set(csp["script-src"]) | set(csp["style-src"])
    return checked


def assert_reader_headers(response) -> dict[str, list[str]]:
    assert response.status_code == 200
    csp = policy(response[ENFORCE])
    assert csp == READER
    assert REPORT_ONLY not in response
    assert "nonce-" not in response[ENFORCE]
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    return csp


@pytest.fixture
def page_cache_on(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    settings.WARTA_FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_permissions_policy_turns_off_what_no_page_uses():
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))

    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics", "usb"):
        assert features[feature] == "()"
    # The share panel copies the link and opens the device's share sheet.
    assert "clipboard-write" not in features and "web-share" not in features


def test_the_anonymous_article_from_the_page_cache_carries_a_policy_its_scripts_satisfy(
    page_cache_on,
):
    article = ArticleFactory()
    client = PageCacheClient()
    fresh = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())

    assert fresh[HIT_HEADER] == "miss" and cached[HIT_HEADER] == "hit"
    for response in (fresh, cached):
        csp = assert_reader_headers(response)
        assert assert_inline_code_allowed(response.content.decode(), csp) == 1
    assert cached[ENFORCE] == fresh[ENFORCE]
    assert cached.content == fresh.content


def test_the_first_paint_script_is_served_as_its_file_and_hashed_from_it():
    page = Client().get(ArticleFactory().get_absolute_url()).content.decode()

    assert f"<script>{FIRST_PAINT_SCRIPT}</script>" in page
    assert source_hash(FIRST_PAINT_SCRIPT) == FIRST_PAINT_SCRIPT_HASH
    assert f"{TEXT_SIZE_COOKIE}=" in FIRST_PAINT_SCRIPT  # the cookie the account sets


@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=storm", "/accounts/login/", "/accounts/signup/", "/subscribe/", "/nowhere/"],
)
def test_anonymous_pages(path):
    ArticleFactory(headline="Storm over the port")
    response = Client().get(path)
    if path == "/nowhere/":
        assert response.status_code == 404
        response.status_code = 200  # the reader's 404 page carries the same policy
    csp = assert_reader_headers(response)

    assert_inline_code_allowed(response.content.decode(), csp)


@pytest.mark.parametrize("path", ["article", "/", "/account/", "/gift/", "/subscribe/"])
def test_a_subscribers_pages(path):
    article = premium_article()
    client = Client()
    client.force_login(subscriber())
    response = client.get(article.get_absolute_url() if path == "article" else path)

    csp = assert_reader_headers(response)
    assert_inline_code_allowed(response.content.decode(), csp)
    assert "private" in response["Cache-Control"]


def test_the_api_docs_and_a_json_answer():
    docs = Client().get("/api/v1/docs")
    answer = Client().get("/api/v1/sections")

    csp = assert_reader_headers(docs)
    assert_inline_code_allowed(docs.content.decode(), csp)
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in docs.content.decode()
    assert answer["Content-Type"].startswith("application/json")
    assert_reader_headers(answer)


def test_static_files_carry_both_headers_too():
    response = Client().get("/static/web/share.js")

    assert_reader_headers(response)


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(User.objects.create_superuser("desk", "desk@example.org", "x"))
    return client


@pytest.mark.parametrize("page", ["dashboard", "article edit", "images"])
def test_the_back_office_enforces_its_baseline_and_reports_the_strict_policy(staff_client, page):
    article = ArticleFactory()
    path = {
        "dashboard": "/admin/",
        "article edit": reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk]),
        "images": "/admin/images/",
    }[page]

    response = staff_client.get(path)

    assert response.status_code == 200
    assert policy(response[ENFORCE]) == ADMIN_ENFORCED
    assert policy(response[REPORT_ONLY]) == ADMIN_STRICT
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    # What Wagtail still inlines is <script> and <style>, never an event-handler attribute.
    document = lxml.html.fromstring(response.content)
    assert not [a for a in document.xpath("//@*") if a.attrname.lower().startswith("on")]


def test_the_back_office_sign_in_enforces_the_strict_policy():
    response = Client().get("/admin/login/")

    assert response.status_code == 200
    csp = policy(response[ENFORCE])
    assert csp == ADMIN_STRICT
    assert REPORT_ONLY not in response
    assert_inline_code_allowed(response.content.decode(), csp)


def test_the_back_office_gets_a_fresh_nonce_when_a_template_reads_it():
    def view(request):
        template = engines["django"].from_string("<script nonce='{{ csp_nonce }}'>go()</script>")
        return HttpResponse(template.render({"csp_nonce": get_nonce(request)}))

    handler = ContentSecurityPolicyMiddleware(SecurityHeadersMiddleware(view))
    first, second = (handler(RequestFactory().get("/admin/reports/")) for _ in range(2))

    nonces = []
    for response in (first, second):
        nonce = re.search(r"nonce='([^']+)'", response.content.decode()).group(1)
        assert policy(response[REPORT_ONLY])["script-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert policy(response[ENFORCE]) == ADMIN_ENFORCED  # the baseline has no nonce
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_page_that_read_its_nonce_is_never_shared():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request._csp_nonce = LazyNonce()
    assert not response_is_personal(request, HttpResponse())

    str(request._csp_nonce)  # a template read it

    assert response_is_personal(request, HttpResponse())


TEMPLATES = sorted(ROOT.glob("warta/*/templates/**/*.html"))
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>"
    r"|<style\b|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_warta_templates_write_no_inline_code_but_the_hashed_script(template):
    text = template.read_text(encoding="utf-8")
    found = [m.group(0) for m in INLINE_CODE.finditer(text)]
    if template.name == "head.html":
        assert found == ["<script>"]
        assert "<script>{{ first_paint_script }}</script>" in text
    else:
        assert not found


def test_with_stripe_forms_may_lead_to_stripes_checkout_and_portal():
    env = {
        **os.environ,
        "WARTA_PAYMENT_PROVIDER": "stripe",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(settings.SECURE_CSP['form-action']))"
    )
    result = subprocess.run(  # noqa: S603 - the project's own settings
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.split() == [
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
    ], result.stderr
