"""The back office's dashboard (/admin/) shows reporters their drafts and what awaits review, and
editors what awaits theirs, as the newsroom's roles see it."""

import pytest
from django.contrib.auth.models import Group
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure
from warta.newsroom.tests.factories import SectionFactory
from warta.newsroom.tests.test_admin_workflow import _form, _form_errors, _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    newsroom_roles_ensure()

    def make(username, group_name):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@news.example", password="x"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def section():
    return SectionFactory(name="Business", slug="business")


def _write(client, user, section, headline, **action):
    client.force_login(user)
    response = client.post(_url("add"), {**_form(section, headline=headline), **action})
    assert response.status_code == 302, _form_errors(response)
    return Article.objects.get(headline=headline)


def _panel(client, user, panel_id):
    """(headline, link) of each row of one dashboard panel, or None when it is not shown."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    panels = doc.cssselect(f"#{panel_id}-section")
    if not panels:
        return None
    return [
        (link.text_content().strip(), link.get("href"))
        for link in panels[0].cssselect("td.title a")
    ]


def test_given_reporter_with_drafts_when_opening_dashboard_then_they_are_listed_latest_first(
    client, member, section
):
    reporter = member("rina", REPORTERS)
    older = _write(client, reporter, section, "Port strike enters second week")
    newer = _write(client, reporter, section, "Harbour authority opens new terminal")
    other = member("budi", REPORTERS)
    _write(client, other, section, "Someone else's draft")

    rows = _panel(client, reporter, "your-drafts")

    assert rows == [
        ("Harbour authority opens new terminal", _url("edit", newer.pk)),
        ("Port strike enters second week", _url("edit", older.pk)),
    ]


def test_given_reporter_submitted_article_when_opening_dashboard_then_it_awaits_review(
    client, member, section
):
    reporter = member("rina", REPORTERS)
    editor = member("eko", EDITORS)
    submitted = _write(
        client, reporter, section, "Harbour authority opens new terminal", **{"action-submit": "1"}
    )
    _write(client, reporter, section, "Port strike enters second week")

    assert _panel(client, reporter, "awaiting-review-yours") == [
        ("Harbour authority opens new terminal", _url("edit", submitted.pk))
    ]
    # Submitted is no longer a draft of theirs.
    assert _panel(client, reporter, "your-drafts") == [
        (
            "Port strike enters second week",
            _url(
                "edit",
                Article.objects.get(live=False, headline="Port strike enters second week").pk,
            ),
        )
    ]
    # The editors see it in Wagtail's "Awaiting your review", with its actions.
    client.force_login(editor)
    doc = lxml_html.fromstring(client.get("/admin/").content.decode())
    awaiting = doc.cssselect("#awaiting-review-section")
    assert awaiting, "editors should see what awaits their review"
    assert "Harbour authority opens new terminal" in awaiting[0].text_content()


def test_given_reporter_with_nothing_pending_when_opening_dashboard_then_panels_say_so(
    client, member
):
    reporter = member("rina", REPORTERS)

    assert _panel(client, reporter, "your-drafts") == []
    assert _panel(client, reporter, "awaiting-review-yours") == []
    client.force_login(reporter)
    text = lxml_html.fromstring(client.get("/admin/").content.decode()).text_content()
    assert "No drafts" in text
    assert "Nothing of yours awaits review" in text


def test_given_editor_with_no_articles_of_their_own_when_opening_dashboard_then_no_empty_panels(
    client, member, section
):
    editor = member("eko", EDITORS)

    assert _panel(client, editor, "your-drafts") is None
    assert _panel(client, editor, "awaiting-review-yours") is None

    draft = _write(client, editor, section, "Editorial: the port we need")
    assert _panel(client, editor, "your-drafts") == [
        ("Editorial: the port we need", _url("edit", draft.pk))
    ]


@pytest.mark.parametrize("role", ["admin", EDITORS, REPORTERS])
def test_given_any_newsroom_role_when_opening_dashboard_then_nothing_speaks_of_pages(
    client, member, django_user_model, role
):
    """warta has no page tree (docs/decisions/0001): Wagtail's page count ("1 Page") and its
    "Search all pages" box are not on the dashboard, whoever opens it; the search box searches
    the articles instead."""
    if role == "admin":
        user = django_user_model.objects.create_superuser(
            username="ayu", email="ayu@news.example", password="x"
        )
    else:
        user = member("rina", role)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    summary = " ".join(doc.cssselect("section.w-summary")[0].text_content().split())
    assert "Page" not in summary, summary
    placeholders = [
        field.get("placeholder") for field in doc.cssselect("form[role=search] input[type=text]")
    ]
    assert placeholders == ["Search articles…"]
    assert "Search all pages" not in response.content.decode()
    assert not doc.cssselect("form[action^='/admin/pages/']")
