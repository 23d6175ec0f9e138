import json
from datetime import UTC, datetime, timedelta

import pytest
from lxml import html as lxml_html

from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
    paragraphs,
)

pytestmark = pytest.mark.django_db


def _doc(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _wire_story(**kwargs):
    world = SectionFactory(name="World", slug="world")
    defaults = dict(
        headline="China calls for joint counter-terrorism efforts with Pakistan",
        slug="china-pakistan-security",
        dek="Both sides agreed on a quarterly security working group.",
        section=world,
        wire_source=WireSourceFactory(),
        dateline="Islamabad, Pakistan",
        hero_image=NewsImageFactory(credit="Reuters/Photo Desk"),
        first_published_at=datetime(2026, 1, 8, 8, 9, 16, tzinfo=UTC),  # 15:09:16 in Jakarta
        body=[
            *paragraphs("China is willing to deepen security cooperation.", "Second paragraph."),
            ("subheading", "A working group"),
            ("quote", {"text": "Security comes first.", "attribution": "The ministry"}),
            *paragraphs("Closing paragraph."),
        ],
    )
    defaults.update(kwargs)
    return ArticleFactory(**defaults)


def test_article_url_uses_the_newsroom_date(client):
    article = _wire_story()

    assert article.get_absolute_url() == "/world/2026/01/08/china-pakistan-security.html"


def test_article_published_late_utc_is_dated_the_next_day_in_jakarta(client):
    article = _wire_story(first_published_at=datetime(2026, 1, 8, 23, 30, tzinfo=UTC))

    url = article.get_absolute_url()
    doc = _doc(client.get(url))

    assert url == "/world/2026/01/09/china-pakistan-security.html"
    published = doc.cssselect("time.published")[0]
    assert published.get("datetime") == "2026-01-09T06:30:00+07:00"
    assert published.text_content() == "2026-01-09 06:30 WIB"


def test_article_page_shows_every_field(client):
    tag = TagFactory(name="Security", slug="security")
    article = _wire_story(tags=[tag])

    doc = _doc(client.get(article.get_absolute_url()))

    assert [h.text_content() for h in doc.cssselect("h1")] == [article.headline]
    assert doc.cssselect(".kicker a")[0].text_content() == "World"
    assert doc.cssselect(".dek")[0].text_content() == article.dek
    assert doc.cssselect(".byline")[0].text_content().strip() == "Reuters"
    assert doc.cssselect(".dateline")[0].text_content() == "Islamabad, Pakistan"
    time = doc.cssselect("article time.published")[0]
    assert time.get("datetime") == "2026-01-08T15:09:16+07:00"
    assert time.text_content() == "2026-01-08 15:09 WIB"
    assert _text(doc.cssselect(".dates")[0]) == "Published on 2026-01-08 15:09 WIB"
    assert not doc.cssselect(".updated")
    hero = doc.cssselect("article figure.hero")[0]
    img = hero.cssselect("img")[0]
    assert img.get("alt") == "A harbour at dusk with cranes against an orange sky"
    assert "480w" in img.get("srcset") and "1200w" in img.get("srcset")
    caption = hero.cssselect("figcaption")[0].text_content()
    assert caption == "The harbour before the inauguration of the new port. (Reuters/Photo Desk)"
    body = doc.cssselect(".article-body")[0]
    assert (
        body.cssselect("p")[0].text_content() == "China is willing to deepen security cooperation."
    )
    assert body.cssselect("h2.subheading")[0].text_content() == "A working group"
    assert body.cssselect("blockquote")[0].text_content().strip() == "Security comes first."
    assert [a.text_content() for a in doc.cssselect(".article-tags a")] == ["Security"]
    assert doc.cssselect("footer.site-footer")
    assert doc.cssselect("nav.sections a")[0].text_content() == "World"


def test_drop_cap_leaves_the_first_word_whole(client):
    article = _wire_story()

    doc = _doc(client.get(article.get_absolute_url()))

    first = doc.cssselect(".article-body > p")[0]
    assert first.text_content().startswith("China is")
    assert len(first) == 0  # no element splits the first letter off


def test_staff_story_credits_authors_with_links(client):
    desk = AuthorFactory(name="Jakarta Desk", slug="jakarta-desk")
    data = AuthorFactory(name="Data Team", slug="data-team")
    article = ArticleFactory(authors=[desk, data])

    doc = _doc(client.get(article.get_absolute_url()))

    links = doc.cssselect(".byline a.author")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("Data Team", "/author/data-team/"),
        ("Jakarta Desk", "/author/jakarta-desk/"),
    ]
    assert "Data Team and Jakarta Desk" in doc.cssselect(".byline")[0].text_content()


def test_update_long_after_publication_shows_updated(client):
    first = datetime(2026, 1, 8, 8, 9, 16, tzinfo=UTC)
    article = _wire_story(first_published_at=first, last_published_at=first + timedelta(hours=3))

    doc = _doc(client.get(article.get_absolute_url()))

    updated = doc.cssselect(".updated time")[0]
    assert updated.get("datetime") == "2026-01-08T18:09:16+07:00"
    assert _text(doc.cssselect(".updated")[0]) == "Updated 2026-01-08 18:09 WIB"
    assert _text(doc.cssselect(".dates")[0]) == (
        "Published on 2026-01-08 15:09 WIB Updated 2026-01-08 18:09 WIB"
    )


@pytest.mark.parametrize(
    ("zone", "shown", "iso"),
    [
        ("Asia/Jakarta", "2026-01-08 15:09 WIB", "2026-01-08T15:09:16+07:00"),
        ("Asia/Makassar", "2026-01-08 16:09 WITA", "2026-01-08T16:09:16+08:00"),
        ("Asia/Jayapura", "2026-01-08 17:09 WIT", "2026-01-08T17:09:16+09:00"),
        ("Europe/Berlin", "2026-01-08 09:09 CET", "2026-01-08T09:09:16+01:00"),
        ("UTC", "2026-01-08 08:09 UTC", "2026-01-08T08:09:16+00:00"),
        # Zones without a common abbreviation say their offset.
        ("Asia/Dubai", "2026-01-08 12:09 UTC+4", "2026-01-08T12:09:16+04:00"),
        ("Asia/Kathmandu", "2026-01-08 13:54 UTC+5:45", "2026-01-08T13:54:16+05:45"),
        ("America/Sao_Paulo", "2026-01-08 05:09 UTC-3", "2026-01-08T05:09:16-03:00"),
    ],
)
def test_publication_time_is_shown_in_the_newsrooms_zone(client, settings, zone, shown, iso):
    settings.WARTA_TIME_ZONE = settings.TIME_ZONE = zone
    first = datetime(2026, 1, 8, 8, 9, 16, tzinfo=UTC)
    article = _wire_story(first_published_at=first, last_published_at=first + timedelta(days=1))

    doc = _doc(client.get(article.get_absolute_url()))

    published = doc.cssselect("time.published")[0]
    assert (published.get("datetime"), published.text_content()) == (iso, shown)
    updated = doc.cssselect(".updated time")[0]
    assert updated.text_content() == shown.replace("2026-01-08", "2026-01-09")


def test_json_ld_describes_the_news_article(client):
    article = _wire_story(access_level=AccessLevel.PREMIUM)

    doc = _doc(client.get(article.get_absolute_url()))

    scripts = doc.cssselect('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["datePublished"] == "2026-01-08T15:09:16+07:00"
    assert data["author"] == [{"@type": "Organization", "name": "Reuters"}]
    assert data["publisher"]["name"]
    assert data["image"][0].startswith("https://news.example/")
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"]["isAccessibleForFree"] is False
    assert data["mainEntityOfPage"]["@id"] == (
        "https://news.example/world/2026/01/08/china-pakistan-security.html"
    )


def test_json_ld_cannot_be_broken_out_of(client):
    article = _wire_story(headline="A </script><script>alert(1)</script> headline")

    content = client.get(article.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in content


def test_social_tags_use_the_dek_and_a_1200x630_card(client):
    article = _wire_story()

    doc = _doc(client.get(article.get_absolute_url()))

    def meta(attr, name):
        return doc.cssselect(f'meta[{attr}="{name}"]')[0].get("content")

    assert meta("name", "description") == article.dek
    assert meta("property", "og:description") == article.dek
    assert meta("property", "og:title") == article.headline
    assert (meta("property", "og:image:width"), meta("property", "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta("name", "twitter:card") == "summary_large_image"
    assert doc.cssselect('link[rel="canonical"]')[0].get("href") == (
        "https://news.example/world/2026/01/08/china-pakistan-security.html"
    )


def test_wrong_date_or_section_redirects_to_the_canonical_url(client):
    article = _wire_story()
    SectionFactory(name="Asia", slug="asia")

    response = client.get("/asia/2026/01/07/china-pakistan-security.html")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_unknown_or_unpublished_article_is_404(client):
    _wire_story(slug="draft-story", live=False)

    assert client.get("/world/2026/01/08/draft-story.html").status_code == 404
    assert client.get("/world/2026/01/08/no-such-story.html").status_code == 404


def test_related_articles_list_editors_picks_first(client):
    section = SectionFactory(slug="world", name="World")
    picked = ArticleFactory(section=section, headline="Picked by the editors")
    ArticleFactory(section=section, headline="Same section")
    article = ArticleFactory(section=section, related_articles=[picked])

    doc = _doc(client.get(article.get_absolute_url()))

    titles = [a.text_content() for a in doc.cssselect(".related .card-title a")]
    assert titles[0] == "Picked by the editors"
    assert "Same section" in titles
    assert article.headline not in titles


def test_article_page_query_count_does_not_grow_with_tags_or_related(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = SectionFactory()

    def count(n: int) -> int:
        tags = [TagFactory() for _ in range(n)]
        related = [
            ArticleFactory(section=section, tags=tags, hero_image=NewsImageFactory())
            for _ in range(n)
        ]
        article = ArticleFactory(
            section=section,
            tags=tags,
            related_articles=related,
            authors=[AuthorFactory() for _ in range(n)],
            hero_image=NewsImageFactory(),
        )
        client.get(article.get_absolute_url())  # renditions are created on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    few, many = count(4), count(12)

    assert few == many
    assert many <= 12
