"""The back office shows the newsroom what it works with: no page tree (articles are snippets,
docs/decisions/0001), hence no page menus, page reports or page counts, and no avatar fetched
from a host the newsroom's browsers may not reach (or should not tell who is signed in).
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from lxml import html as lxml_html

from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure

pytestmark = pytest.mark.django_db

PAGE_REPORTS = {"locked-pages", "aging-pages", "page-types-usage"}
# Reports that list pages only for the newsroom's roles (they need rights on the page tree).
PAGE_TREE_ITEMS = {"explorer", "site-history", "workflows", "workflow-tasks"}


def _sidebar(doc):
    props = doc.cssselect("script#wagtail-sidebar-props")[0].text_content()
    return json.loads(props)


def _menu_entries(node):
    """Every (name, url) of the sidebar's menus, submenus included."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and "label" in node:
            yield node["name"], node.get("url", "")
        for value in node.values():
            yield from _menu_entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from _menu_entries(value)


def _dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def _foreign_images(html, host="testserver"):
    """Image addresses on another host than the admin's own (or from the sidebar's avatar)."""
    doc = lxml_html.fromstring(html)
    sources = [img.get("src", "") for img in doc.cssselect("img")]
    sources += re.findall(r'"avatarUrl":\s*"([^"]*)"', html)
    return [src for src in sources if urlsplit(src).netloc not in ("", host)]


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        newsroom_roles_ensure()
        user = django_user_model.objects.create_user(
            username=group_name.lower(), email=f"{group_name.lower()}@news.example", password="x"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.mark.parametrize("group_name", [REPORTERS, EDITORS])
def test_given_newsroom_member_when_opening_the_admin_then_no_page_tree_items_show(
    client, member, group_name
):
    html = _dashboard(client, member(group_name))

    doc = lxml_html.fromstring(html)
    entries = dict(_menu_entries(_sidebar(doc)))
    assert "articles" in entries
    assert not (PAGE_REPORTS | PAGE_TREE_ITEMS) & entries.keys(), entries.keys()
    assert not [url for url in entries.values() if url.startswith("/admin/pages/")]
    assert not doc.cssselect("a[href^='/admin/pages/'], form[action^='/admin/pages/']")
    assert "Search all pages" not in html
    assert not doc.cssselect(".w-summary a[href*='/pages/']"), "no page count"


def test_given_editor_when_opening_page_reports_then_they_are_refused(client, member):
    client.force_login(member(EDITORS))

    for url in ("/admin/reports/locked/", "/admin/reports/aging-pages/"):
        response = client.get(url)
        assert response.status_code == 302, url  # Wagtail's "no permission" redirect


def test_given_administrator_when_opening_the_admin_then_page_only_reports_are_gone(
    admin_client,
):
    html = admin_client.get("/admin/").content.decode()

    entries = dict(_menu_entries(_sidebar(lxml_html.fromstring(html))))
    assert "reports" in entries
    assert not PAGE_REPORTS & entries.keys()
    assert "explorer" not in entries
    assert not lxml_html.fromstring(html).cssselect(".w-summary a[href*='/pages/']")


@pytest.mark.parametrize("group_name", [REPORTERS, EDITORS])
def test_given_newsroom_member_when_opening_the_admin_then_no_avatar_comes_from_elsewhere(
    client, member, group_name
):
    user = member(group_name)

    for url in ("/admin/", "/admin/account/"):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "gravatar" not in html, url
        assert not _foreign_images(html), url
