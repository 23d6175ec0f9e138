"""generate_articles: many published articles at once, ordinary rows to every query."""

import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from warta.newsroom.models import AccessLevel, Article, Section
from warta.newsroom.tests.factories import (
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """What generated articles are spread over: sections, desks, tags, an agency, a picture."""
    sections = [SectionFactory(name=name, slug=name.lower()) for name in ("World", "Business")]
    AuthorFactory.create_batch(3)
    TagFactory.create_batch(5)
    WireSourceFactory()
    NewsImageFactory()
    return sections


def _generate(total: int, capsys) -> str:
    call_command("generate_articles", total=total)
    return capsys.readouterr().out


def test_it_brings_the_live_articles_to_the_total_and_says_so(newsroom, capsys):
    out = _generate(200, capsys)

    assert Article.objects.filter(live=True).count() == 200
    assert "Generated 200 articles" in out and "200 live articles now" in out
    levels = set(Article.objects.values_list("access_level", flat=True))
    assert levels == {AccessLevel.FREE, AccessLevel.REGISTERED, AccessLevel.PREMIUM}
    assert set(Article.objects.values_list("section", flat=True)) == {s.pk for s in newsroom}
    assert Article.objects.exclude(wire_source=None).exists()
    assert Article.objects.filter(authors__isnull=False).exists()
    assert Article.objects.filter(tags__isnull=True).count() == 0
    assert Article.objects.exclude(hero_image=None).exists()
    years = {a.first_published_at.year for a in Article.objects.all()}
    assert len(years) >= 4  # spread over five years


def test_it_is_idempotent_and_additive(newsroom, capsys):
    _generate(30, capsys)
    first_ids = set(Article.objects.values_list("pk", flat=True))

    again = _generate(30, capsys)
    assert "Nothing to do: 30 live articles already" in again
    assert set(Article.objects.values_list("pk", flat=True)) == first_ids

    _generate(50, capsys)
    assert Article.objects.filter(live=True).count() == 50
    assert first_ids < set(Article.objects.values_list("pk", flat=True))
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))


def test_generated_articles_are_ordinary_wagtail_rows(newsroom, capsys):
    _generate(20, capsys)
    article = Article.objects.order_by("pk").last()
    assert article is not None

    revision = article.latest_revision
    assert revision is not None and revision == article.live_revision
    assert Revision.objects.filter(object_id=str(article.pk)).count() == 1
    restored = revision.as_object()  # the back office opens an article from its revision
    assert restored.headline == article.headline
    assert list(restored.tags.all()) == list(article.tags.all())
    assert [b.block_type for b in restored.body] == [b.block_type for b in article.body]
    assert not article.has_unpublished_changes and not article.locked


def test_generated_articles_appear_on_their_section_tag_and_article_pages(
    newsroom, client, settings, capsys
):
    settings.WARTA_ARTICLES_PER_PAGE = 100
    _generate(40, capsys)
    article = Article.objects.filter(access_level=AccessLevel.FREE).order_by("pk").last()
    assert article is not None
    url = article.get_absolute_url()

    section_page = client.get(article.section.get_absolute_url()).content.decode()
    tag = article.tags.order_by("pk").first()
    assert tag is not None
    tag_page = client.get(tag.get_absolute_url()).content.decode()
    page = client.get(url)

    assert url in section_page and url in tag_page
    assert page.status_code == 200
    last_paragraph = re.sub(r"<[^>]+>", "", list(article.body)[-1].value.source)
    assert last_paragraph in page.content.decode()  # free: the whole body


def test_it_refuses_the_production_profile(newsroom, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="refused in the production profile"):
        call_command("generate_articles", total=10)

    assert not Article.objects.exists()


def test_it_needs_sections_to_spread_articles_over():
    assert not Section.objects.exists()

    with pytest.raises(CommandError, match="demo_load"):
        call_command("generate_articles", total=10)
