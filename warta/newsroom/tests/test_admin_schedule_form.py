"""The publishing schedule is on the article's form itself (its "Publishing schedule" tab), not
behind the status side panel: an editor sets when a story goes live (or comes down) and
publishes, and it is scheduled, as Wagtail's own dialog did (``approved_go_live_at``)."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure
from warta.newsroom.schedule import scheduled_publishing_run
from warta.newsroom.tests.factories import SectionFactory
from warta.newsroom.tests.test_admin_workflow import (  # the admin's own form, as it posts it
    _approve,
    _form,
    _form_errors,
    _member,
    _url,
)

pytestmark = pytest.mark.django_db

HEADLINE = "Port tariffs to rise next week"


@pytest.fixture
def desk():
    return SectionFactory(name="Business", slug="business")


@pytest.fixture
def staff(django_user_model):
    newsroom_roles_ensure()
    return {
        "editor": _member(django_user_model, "eko", EDITORS),
        "reporter": _member(django_user_model, "rina", REPORTERS),
    }


def _when(**delta):
    return (timezone.localtime() + timedelta(**delta)).replace(second=0, microsecond=0)


def _field(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def _schedule_tab(client, user, url):
    """The page, and the tab of the form holding the schedule's fields, as the admin renders."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    form = doc.cssselect("form[data-edit-form]")[0]
    inputs = {name: form.cssselect(f"input[name={name}]") for name in ("go_live_at", "expire_at")}
    assert all(len(found) == 1 for found in inputs.values()), inputs
    tab = inputs["go_live_at"][0].xpath("ancestor::section[@role='tabpanel']")
    assert tab, "the schedule is not in a tab of the form"
    assert inputs["expire_at"][0].xpath("ancestor::section[@role='tabpanel']") == tab
    return doc, tab[0]


def _tab_label(doc, tab):
    label = doc.get_element_by_id(tab.get("aria-labelledby"))
    return label.text.strip()  # its own text, before the count of errors


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_the_schedule_is_on_the_add_and_edit_forms_not_in_a_dialog(client, staff, desk, who):
    user = staff[who]
    client.force_login(user)
    response = client.post(_url("add"), _form(desk, headline=HEADLINE))
    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline=HEADLINE)

    for url in (_url("add"), _url("edit", article.pk)):
        doc, tab = _schedule_tab(client, user, url)

        assert _tab_label(doc, tab) == "Publishing schedule"
        assert not tab.xpath("ancestor::*[@role='dialog' or @id='schedule-publishing-dialog']")
        assert not doc.cssselect("#schedule-publishing-dialog")
        # No toggle in the status side panel for a dialog that is not there.
        assert not doc.cssselect("[data-a11y-dialog-show='schedule-publishing-dialog']")
        assert "Set schedule" not in doc.text_content()


def test_an_editor_who_sets_a_go_live_time_and_publishes_schedules_the_story(client, staff, desk):
    editor = staff["editor"]
    client.force_login(editor)
    go_live_at = _when(hours=2)
    data = {**_form(desk, headline=HEADLINE), "go_live_at": _field(go_live_at)}

    response = client.post(_url("add"), {**data, "action-publish": "Publish"})

    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline=HEADLINE)
    assert article.live is False
    assert article.latest_revision.approved_go_live_at == go_live_at
    # The edit form shows the schedule where it was set.
    _, tab = _schedule_tab(client, editor, _url("edit", article.pk))
    assert tab.cssselect("input[name=go_live_at]")[0].get("value") == _field(go_live_at)
    # And the worker's job publishes it then, not before.
    assert scheduled_publishing_run(now=timezone.now()).published == 0
    later = go_live_at + timedelta(minutes=1)
    with patch("django.utils.timezone.now", return_value=later):  # Wagtail's clock too
        assert scheduled_publishing_run(now=later).published == 1
    article.refresh_from_db()
    assert article.live and article.first_published_at == later


def test_an_editor_sets_an_expiry_on_a_published_story_from_the_form(client, staff, desk):
    client.force_login(staff["editor"])
    response = client.post(_url("add"), {**_form(desk, headline=HEADLINE), "action-publish": "1"})
    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline=HEADLINE)
    assert article.live
    expire_at = _when(days=1)
    form = _form(desk, headline=HEADLINE, slug=article.slug, block_ids=[b.id for b in article.body])

    response = client.post(
        _url("edit", article.pk),
        {**form, "expire_at": _field(expire_at), "action-publish": "Publish"},
    )

    assert response.status_code == 302, _form_errors(response)
    article.refresh_from_db()
    assert article.live and article.expire_at == expire_at
    later = expire_at + timedelta(minutes=1)
    with patch("django.utils.timezone.now", return_value=later):
        assert scheduled_publishing_run(now=later).expired == 1
    article.refresh_from_db()
    assert not article.live and article.expired


def test_a_reporters_go_live_time_takes_effect_when_an_editor_approves(client, staff, desk):
    go_live_at = _when(hours=3)
    client.force_login(staff["reporter"])
    data = {**_form(desk, headline=HEADLINE), "go_live_at": _field(go_live_at)}
    response = client.post(_url("add"), {**data, "action-submit": "Submit"})
    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline=HEADLINE)
    assert article.live is False and article.latest_revision.approved_go_live_at is None

    assert _approve(client, staff["editor"], article).status_code == 302

    article.refresh_from_db()
    assert article.live is False
    assert article.latest_revision.approved_go_live_at == go_live_at


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"go_live_at": "next tuesday"}, "go_live_at", "Enter a valid date/time."),
        (
            {"go_live_at": _field(_when(days=2)), "expire_at": _field(_when(days=1))},
            "expire_at",
            "Go live date/time must be before expiry date/time",
        ),
        (
            {"expire_at": _field(_when(days=-1))},
            "expire_at",
            "Expiry date/time must be in the future.",
        ),
    ],
)
def test_a_schedule_that_cannot_be_is_refused_at_its_field(
    client, staff, desk, fields, field, message
):
    client.force_login(staff["editor"])
    data = {**_form(desk, headline=HEADLINE), **fields, "action-publish": "Publish"}

    response = client.post(_url("add"), data)

    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    field_input = doc.cssselect(f"input[name={field}]")[0]
    wrapper = field_input.xpath("ancestor::*[@data-field-wrapper]")[0]
    assert message in wrapper.text_content()
    assert field_input.xpath("ancestor::section[@role='tabpanel']")
    assert not Article.objects.filter(headline=HEADLINE).exists()
