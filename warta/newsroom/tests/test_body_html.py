"""Rich text that reaches the database without the editor is cleaned like the editor's (issue 15,
item 2). A wire item, a data migration or a hand-built admin POST wrote paragraphs that were
shown as stored: ``<script>``, ``onerror=`` and ``javascript:`` reached the page, the API and the
search index. Paragraphs are cleaned when they are written and again when they are read."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.rich_text import RichText

from warta.newsroom.blocks import ArticleBodyBlock
from warta.newsroom.models import Article
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import ArticleFactory, SectionFactory
from warta.newsroom.tests.html_safety import assert_safe, body_html_of_page
from warta.newsroom.tests.test_admin_workflow import _form, _url

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Harbour <b>open</b>.<script>alert('s')</script>"
    "<img src=x onerror=\"alert('i')\">"
    "<a href=\"javascript:alert('a')\">here</a>"
    "<a href=\" JaVaScRiPt&#x3a;alert('e')\">there</a>"
    "<svg onload=alert('v')></svg><iframe src=\"data:text/html,<script>alert('f')</script>\">"
    "</iframe><style>p{background:url(javascript:alert('c'))}</style></p>"
)


def _stored(article: Article) -> str:
    """The paragraph as the database holds it."""
    return Article.objects.get(pk=article.pk).body.raw_data[0]["value"]


def _written_raw(article: Article, value: str) -> None:
    """What a data migration's ``RunSQL`` or a bulk ``update`` writes: JSON, no block in between."""
    Article.objects.filter(pk=article.pk).update(
        body=json.dumps([{"type": "paragraph", "value": value, "id": "raw"}])
    )


def test_a_paragraph_saved_through_the_orm_is_stored_clean():
    article = ArticleFactory(body=[("paragraph", RichText(HOSTILE))])

    stored = _stored(article)

    assert_safe(stored)
    assert "alert" not in stored
    assert "<b>open</b>" in stored and ">here</a>" in stored


def test_a_paragraph_given_as_a_string_is_stored_clean():
    article = ArticleFactory(body=[("paragraph", HOSTILE)])

    assert_safe(_stored(article))


def test_the_article_page_shows_a_hostile_paragraph_clean(client):
    article = ArticleFactory(body=[("paragraph", RichText(HOSTILE))])

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    shown = body_html_of_page(response.content.decode())
    assert_safe(shown)
    assert "alert" not in shown


def test_a_row_written_without_the_block_is_shown_clean_on_the_page_and_in_the_api(client):
    article = ArticleFactory()
    _written_raw(article, HOSTILE)

    page = client.get(article.get_absolute_url())
    api = client.get(f"/api/v1/articles/{article.pk}")

    shown = body_html_of_page(page.content.decode())
    assert_safe(shown)
    assert "alert" not in shown
    [paragraph] = api.json()["body"]
    assert_safe(paragraph["html"])
    assert "alert" not in paragraph["html"]
    assert "<b>open</b>" in paragraph["html"]


def test_the_api_body_blocks_are_clean(client):
    article = ArticleFactory(body=[("paragraph", RichText(HOSTILE))])

    [paragraph] = client.get(f"/api/v1/articles/{article.pk}").json()["body"]

    assert_safe(paragraph["html"])
    assert "alert" not in paragraph["html"]


def test_search_text_holds_no_script(client):
    article = ArticleFactory()
    _written_raw(article, HOSTILE)
    article.refresh_from_db()

    assert "alert" not in article.search_text_for_everyone()
    assert "Harbour open" in article.search_text_for_everyone()


def test_feeds_carry_no_body_markup(client):
    article = ArticleFactory(body=[("paragraph", RichText(HOSTILE))])
    _written_raw(article, HOSTILE)

    for url in ("/feeds/rss.xml", "/feeds/atom.xml"):
        feed = client.get(url).content.decode()
        assert article.headline in feed
        assert "alert" not in feed and "onerror" not in feed


def test_the_editors_features_survive_the_cleaning():
    page = Page.objects.exclude(depth=1).first() or Page.objects.first()
    source = (
        '<p data-block-key="k1"><b>b</b> <i>i</i> <sup>2</sup> <sub>3</sub> <s>s</s><br/>'
        '<a href="https://port.example/a?b=1&amp;c=2">web</a> <a href="mailto:desk@news.example">'
        f'mail</a> <a linktype="page" id="{page.pk}">page</a></p>'
    )
    article = ArticleFactory(body=[("paragraph", RichText(source))])

    stored = _stored(article)

    assert stored == source.replace("<br/>", "<br>")


def test_other_link_schemes_and_attributes_go_but_the_text_stays():
    value = (
        ArticleBodyBlock()
        .child_blocks["paragraph"]
        .to_python(
            '<p class="x" style="color:red"><a href="ftp://f.example/" title="t">f</a>'
            '<a linktype="javascript" id="1">l</a><a linktype="page" id="1 onclick">m</a></p>'
        )
    )

    assert value.source == '<p><a>f</a><a id="1">l</a><a linktype="page">m</a></p>'


@pytest.fixture
def editor(django_user_model):
    newsroom_roles_ensure()
    user = django_user_model.objects.create_user(
        username="eko", email="eko@news.example", password="x"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.parametrize(
    "value",
    ["<p>not JSON<script>alert(1)</script></p>", '{"blocks": "no"}', "[1, 2]", '{"entityMap": 3}'],
)
def test_a_hand_built_admin_post_with_a_paragraph_that_is_not_the_editors_is_a_form_error(
    client, editor, value
):
    client.force_login(editor)
    section = SectionFactory(name="Business", slug="business")
    form = _form(section)
    form["body-0-value"] = value

    response = client.post(_url("add"), form)

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "alert" not in response.content.decode().split("<main", 1)[-1].split("</main>")[0]
    body_errors = response.context["form"].errors.get("body")
    assert body_errors, response.context["form"].errors
