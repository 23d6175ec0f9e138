import pytest
from django.core.exceptions import ValidationError

from warta.newsroom.models import Article, ArticleSlugHistory, Section
from warta.newsroom.services import article_create, article_publish
from warta.newsroom.tests.factories import SectionFactory, paragraphs

pytestmark = pytest.mark.django_db


def _create(**kwargs):
    defaults = dict(
        headline="Floods close roads in North Jakarta",
        slug="",
        dek="Heavy rain overnight.",
        section=SectionFactory(slug="indonesia", name="Indonesia"),
        body=paragraphs("Rain fell all night."),
        publish=True,
    )
    defaults.update(kwargs)
    return article_create(**defaults)


def test_article_create_makes_a_slug_from_the_headline_and_keeps_it_unique():
    first = _create()
    second = _create()

    assert first.slug == "floods-close-roads-in-north-jakarta"
    assert second.slug == "floods-close-roads-in-north-jakarta-2"


def test_published_article_has_a_revision_and_publication_times():
    article = _create()

    assert article.live
    assert article.first_published_at is not None
    assert article.live_revision_id == article.latest_revision_id


def test_draft_is_not_live_and_has_no_url():
    article = _create(publish=False)

    assert not article.live
    assert article.get_absolute_url() == ""


def test_changing_the_slug_keeps_the_old_url_working(client):
    article = _create()
    old_url = article.get_absolute_url()

    article.slug = "flooding-in-north-jakarta"
    article.save_revision()
    article_publish(article=article)

    assert (
        ArticleSlugHistory.objects.get(slug="floods-close-roads-in-north-jakarta").article
        == article
    )
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert article.get_absolute_url().endswith("/flooding-in-north-jakarta.html")


def test_changing_the_section_redirects_the_old_url(client):
    article = _create()
    old_url = article.get_absolute_url()

    article.section = SectionFactory(slug="world", name="World")
    article.save_revision()
    article_publish(article=article)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].startswith("/world/")


def test_taking_a_slug_back_removes_it_from_history(client):
    article = _create()
    original = article.slug
    article.slug = "renamed"
    article.save_revision()
    article_publish(article=article)

    article.slug = original
    article.save_revision()
    article_publish(article=article)

    assert list(ArticleSlugHistory.objects.values_list("slug", flat=True)) == ["renamed"]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_section_may_not_take_a_reserved_path():
    section = Section(name="Admin", slug="admin")

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "slug" in error.value.message_dict


def test_hero_image_needs_alt_text(settings):
    from warta.newsroom.tests.factories import NewsImageFactory

    image = NewsImageFactory(description="")

    with pytest.raises(ValidationError) as error:
        _create(hero_image=image)

    assert "hero_alt" in error.value.message_dict
    assert not Article.objects.exists()


@pytest.mark.parametrize("slug", ["feedback", "gift", "subscribe", "account", "feeds", "static"])
def test_the_reserved_paths_are_those_the_sites_routes_take(slug):
    """Read from the routes, not kept by hand: the feedback pages were missing from the list."""
    with pytest.raises(ValidationError):
        Section(name=slug.title(), slug=slug).full_clean()


def test_a_section_may_take_any_path_no_route_takes():
    Section(name="Print", slug="print").full_clean()
