"""The back office in a real Chromium: it asks nothing of any other server, whoever uses it."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from warta.newsroom.models import Author
from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _member(django_user_model, role):
    if role == "admin":
        return django_user_model.objects.create_superuser(
            username="ayu", email="ayu@news.example", password="x"
        )
    newsroom_roles_ensure()
    user = django_user_model.objects.create_user(
        username="eko", email="eko@news.example", password="x"
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def _signed_in_context(browser, live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "warta.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(base_url=live_server.url)
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


def _back_office_paths(article):
    def snippet(model, name, *args):
        return reverse(f"wagtailsnippets_newsroom_{model}:{name}", args=args)

    return [
        "/admin/",
        snippet("article", "list"),
        snippet("article", "add"),
        snippet("article", "edit", article.pk),
        snippet("section", "list"),
        snippet("section", "add"),
        snippet("author", "list"),
        snippet("author", "add"),
        reverse("wagtailimages:index"),
        reverse("wagtailadmin_account"),
    ]


@pytest.mark.parametrize("role", [EDITORS, REPORTERS, "admin"])
def test_the_back_office_asks_nothing_of_any_other_server(
    browser, live_server, django_user_model, role
):
    """No avatar from gravatar.com, no version check at releases.wagtail.org, no font or script
    from a CDN: every request of the back office's pages goes to warta itself."""
    user = _member(django_user_model, role)
    author = AuthorFactory(name="Rina Wulandari", photo=NewsImageFactory())
    article = ArticleFactory(
        headline="Harbour authority opens new terminal",
        section=SectionFactory(name="Business", slug="business"),
        hero_image=NewsImageFactory(),
        authors=[author],
    )
    context = _signed_in_context(browser, live_server, user)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    own = urlsplit(live_server.url).netloc

    for path in _back_office_paths(article):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")

    assert len(requests) > 30  # the pages, and their styles, scripts and images
    foreign = [url for url in requests if urlsplit(url).netloc != own]
    assert foreign == []


def test_the_slug_fills_itself_from_the_name_as_the_editor_types(
    browser, live_server, django_user_model
):
    editor = _member(django_user_model, EDITORS)
    page = _signed_in_context(browser, live_server, editor).new_page()

    page.goto(reverse("wagtailsnippets_newsroom_author:add"))
    page.locator("#id_name").press_sequentially("Jürgen Müller")
    expect(page.locator("#id_slug")).to_have_value("jurgen-muller")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/author/")
    assert Author.objects.get(name="Jürgen Müller").slug == "jurgen-muller"

    page.goto(reverse("wagtailsnippets_newsroom_section:add"))
    page.locator("#id_name").press_sequentially("Ekonomi & Bisnis")
    expect(page.locator("#id_slug")).to_have_value("ekonomi-bisnis")
    # An editor who writes a slug of their own keeps it as they go on with the name.
    page.locator("#id_slug").fill("ekonomi")
    page.locator("#id_name").press_sequentially(" Asia")
    expect(page.locator("#id_slug")).to_have_value("ekonomi")


def test_an_editor_schedules_a_story_from_the_form_without_the_side_panel(
    browser, live_server, django_user_model
):
    editor = _member(django_user_model, EDITORS)
    article = ArticleFactory(
        headline="Port tariffs to rise next week",
        section=SectionFactory(name="Business", slug="business"),
        live=False,
        first_published_at=None,
        last_published_at=None,
    )
    article.save_revision()
    go_live_at = (timezone.localtime() + timedelta(days=2)).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    moment = go_live_at.strftime("%Y-%m-%d %H:%M")
    edit_url = reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk])
    page = _signed_in_context(browser, live_server, editor).new_page()

    page.goto(edit_url)
    page.get_by_role("tab", name="Publishing schedule").click()
    page.get_by_role("textbox", name="Go live at").fill(moment)
    page.keyboard.press("Escape")  # the date picker
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url("**/article/")

    article.refresh_from_db()
    assert article.live is False
    assert article.latest_revision.approved_go_live_at == go_live_at
    # Back on the form: the time where it was set, and the status side panel says it too.
    page.goto(edit_url)
    page.get_by_role("tab", name="Publishing schedule").click()
    expect(page.get_by_role("textbox", name="Go live at")).to_have_value(moment)
    status = page.locator("[data-side-panel='status']").text_content() or ""
    assert "Go-live:" in " ".join(status.split())
