"""Two editors saving from the same revision (issue 15, item 5): the second is told, and both
texts are kept. The second save is kept as a draft, never published or sent on over the first:
the editor compares the two in the history and publishes the one to keep."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import SectionFactory
from warta.newsroom.tests.test_admin_workflow import _form, _form_errors, _member, _url

pytestmark = pytest.mark.django_db

FIRST = "The harbour will close on Monday for dredging."
SECOND = "The harbour closes on Tuesday, the port authority said."


@pytest.fixture
def desk():
    return SectionFactory(name="Business", slug="business")


@pytest.fixture
def editors(django_user_model):
    newsroom_roles_ensure()
    return [_member(django_user_model, name, EDITORS) for name in ("eko", "sari")]


def _published(client, desk) -> Article:
    response = client.post(_url("add"), {**_form(desk), "action-publish": "action-publish"})
    assert response.status_code == 302, _form_errors(response)
    return Article.objects.get()


def _loaded(client, article) -> dict[str, str]:
    """What the edit form carries of the revision it was opened on."""
    doc = lxml_html.fromstring(client.get(_url("edit", article.pk)).content.decode())
    fields = ("loaded_revision_id", "loaded_revision_created_at")
    return {name: doc.cssselect(f"input[name={name}]")[0].get("value") for name in fields}


def _save(client, article, desk, loaded, text, action="action-publish"):
    data = {**_form(desk, paragraphs=(text,)), **loaded, action: action}
    return client.post(_url("edit", article.pk), data)


def _texts(article) -> list[str]:
    return [str(r.content["body"]) for r in article.revisions.order_by("created_at")]


@pytest.mark.parametrize("action", ["action-publish", "action-submit", "action-edit"])
def test_the_second_editor_is_told_and_both_texts_are_kept(editors, desk, action):
    eko, sari = Client(), Client()
    eko.force_login(editors[0])
    sari.force_login(editors[1])
    article = _published(eko, desk)
    eko_loaded, sari_loaded = _loaded(eko, article), _loaded(sari, article)

    first = _save(eko, article, desk, eko_loaded, FIRST)
    second = _save(sari, article, desk, sari_loaded, SECOND, action)

    assert first.status_code == second.status_code == 302
    told = [str(m) for m in get_messages(second.wsgi_request)]
    assert any("Another editor saved" in m for m in told), told
    article.refresh_from_db()
    assert FIRST in str(article.body)  # the live text is the first editor's
    texts = _texts(article)
    assert any(FIRST in t for t in texts) and any(SECOND in t for t in texts)
    assert SECOND in str(article.latest_revision.content["body"])  # kept as the newest draft
    assert article.has_unpublished_changes
    ekos, saris = article.revisions.order_by("-created_at")[:2][::-1]
    compare = reverse(
        "wagtailsnippets_newsroom_article:revisions_compare", args=(article.pk, ekos.pk, saris.pk)
    )
    assert any(compare in m for m in told)  # the other editor's text against this one's
    compared = sari.get(compare).content.decode()
    assert "Tuesday" in compared and "Monday" in compared


def test_an_editor_saving_from_the_newest_revision_is_not_told(editors, desk):
    eko = Client()
    eko.force_login(editors[0])
    article = _published(eko, desk)

    saved = _save(eko, article, desk, _loaded(eko, article), FIRST)

    told = [str(m) for m in get_messages(saved.wsgi_request)]
    assert not any("Another editor saved" in m for m in told)
    article.refresh_from_db()
    assert FIRST in str(article.body)
