"""Every payload of ``xss_payloads.txt`` through every way a paragraph is written and shown
(issue 15, item 2): the editor's block, a hand-built admin post (a subset), a row written
without the block (a data migration), the API's body blocks and the article page; the wire's
ingest in ``warta/wire/tests/test_body_xss.py`` (the newsroom never imports the wire).
What comes out is parsed (lxml) and held to the paragraph's allow-list (``html_safety``)."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.rich_text import RichText

from warta.newsroom.blocks import ArticleBodyBlock
from warta.newsroom.models import Article
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.newsroom.tests.html_safety import assert_safe, body_html_of_page, xss_payloads
from warta.newsroom.tests.test_admin_workflow import _form, _url

PAYLOADS = xss_payloads()
PARAGRAPH = ArticleBodyBlock().child_blocks["paragraph"]


def test_the_corpus_holds_at_least_150_distinct_payloads():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 150


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_editors_block_keeps_nothing_that_runs(payload):
    for wrapped in (payload, f"<p>{payload}</p>"):
        assert_safe(PARAGRAPH.to_python(wrapped).source)
        assert_safe(PARAGRAPH.get_prep_value(RichText(wrapped)))
        assert_safe(PARAGRAPH.normalize(wrapped).source)
        assert_safe(PARAGRAPH.value_from_form(wrapped).source)


# A page and an API answer for a few payloads at once, each its own paragraph (cleaned on its
# own), to keep the file's run under a minute.
CHUNK = 16
CHUNKS = [PAYLOADS[start : start + CHUNK] for start in range(0, len(PAYLOADS), CHUNK)]


@pytest.mark.django_db
@pytest.mark.parametrize("payloads", CHUNKS, ids=lambda chunk: f"{PAYLOADS.index(chunk[0])}+")
def test_a_row_written_without_the_block_is_shown_safe_on_the_page_and_in_the_api(client, payloads):
    article = ArticleFactory()
    # As a data migration's RunSQL or a bulk update writes it: the block never sees it.
    written = []
    for n, payload in enumerate(payloads):
        written.append({"type": "paragraph", "value": payload, "id": f"a{n}"})
        written.append({"type": "paragraph", "value": f"<p>{payload}</p>", "id": f"b{n}"})
    Article.objects.filter(pk=article.pk).update(body=json.dumps(written))

    page = client.get(article.get_absolute_url())
    api = client.get(f"/api/v1/articles/{article.pk}")

    assert page.status_code == 200 and api.status_code == 200
    assert_safe(body_html_of_page(page.content.decode()))
    for block in api.json()["body"]:
        assert block["type"] == "paragraph"
        assert_safe(block["html"])
    saved = Article.objects.get(pk=article.pk)
    saved.save()  # read and written back through the block: stored clean
    for raw in Article.objects.get(pk=article.pk).body.raw_data:
        assert_safe(raw["value"])


# The admin's own post, for a subset: Draft.js content whose text and link are the payload.
ADMIN_SUBSET = PAYLOADS[:: max(1, len(PAYLOADS) // 12)]


def _content_state(payload: str) -> str:
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "k1",
                    "type": "unstyled",
                    "depth": 0,
                    "text": payload,
                    "inlineStyleRanges": [{"offset": 0, "length": 1, "style": "BOLD"}],
                    "entityRanges": [{"offset": 0, "length": len(payload), "key": 0}],
                    "data": {},
                },
                {
                    "key": "k2",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "x",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 1, "key": 1}],
                    "data": {},
                },
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": payload}},
                "1": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(1)"},
                },
            },
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("payload", ADMIN_SUBSET)
def test_an_admin_post_keeps_nothing_that_runs(client, django_user_model, payload):
    newsroom_roles_ensure()
    editor = django_user_model.objects.create_user(username="eko", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    form = _form(SectionFactory(name="Business", slug="business"))
    form["body-0-value"] = _content_state(payload)

    response = client.post(_url("add"), form)

    assert response.status_code in (200, 302)
    for article in Article.objects.all():
        for raw in article.body.raw_data:
            assert_safe(raw["value"])
