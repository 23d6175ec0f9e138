"""Every public list costs the same number of queries for 2 stories as for 12 (no N+1).

Each test renders a list, adds stories (each with its own tags, authors and picture), renders it
again and compares the counts. The article page's own lists (tags, authors, related stories) are
counted in test_article_page.py.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.gifts.services import gift_create, gift_open
from warta.gifts.tests.factories import plan_with_gifts, premium_article
from warta.newsroom.models import (
    AccessLevel,
    Article,
    Author,
    FrontPage,
    FrontPageStory,
    Section,
    Tag,
)
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
    jpeg,
)
from warta.subscriptions.tests.factories import ReaderFactory, SubscriptionFactory
from warta.testing.query_counts import MANY, assert_list_is_flat, occurrences

pytestmark = pytest.mark.django_db

CARDS = occurrences('class="card-title"')  # a story in a list


@pytest.fixture(autouse=True)
def _one_page_holds_every_story(settings):
    settings.WARTA_ARTICLES_PER_PAGE = 50


def _stories(
    n: int,
    *,
    headline: str = "Story",
    section: Section | None = None,
    tags: tuple[Tag, ...] = (),
    authors: tuple[Author, ...] = (),
    wire: bool = False,
) -> list[Article]:
    """``n`` live stories, each with its own picture, three tags of its own and two authors
    (every other one from a wire source when ``wire``), in a new section each unless one is
    given."""
    now = timezone.now()
    return [
        ArticleFactory(
            headline=f"{headline} {i}",
            section=section or SectionFactory(),
            access_level=AccessLevel.PREMIUM if i % 3 == 0 else AccessLevel.FREE,
            hero_image=NewsImageFactory(file=jpeg(320, 200)),
            first_published_at=now - timedelta(minutes=i + 1),
            tags=[*tags, *(TagFactory() for _ in range(3))],
            authors=[*authors, *(AuthorFactory() for _ in range(2))],
            wire_source=WireSourceFactory() if wire and i % 2 else None,
        )
        for i in range(n)
    ]


def test_home_page_queries_do_not_grow_with_stories_and_sections(client):
    front = FrontPage.objects.create(name="Home page")

    def add(n: int) -> None:
        stories = _stories(n)  # a section each
        # Editors pick a top story each time; the newest fill the other places.
        position = front.stories.count()
        FrontPageStory.objects.create(front_page=front, article=stories[0], sort_order=position)
        for story in stories:  # more than a section's block shows
            _stories(4, section=story.section)

    assert_list_is_flat(client, "/", add, count_items=occurrences('class="section-heading"'))


def test_section_front_queries_do_not_grow_with_stories(client):
    world = SectionFactory(slug="world")

    assert_list_is_flat(client, "/world/", lambda n: _stories(n, section=world), count_items=CARDS)


def test_tag_page_queries_do_not_grow_with_stories(client):
    climate = TagFactory(slug="climate")

    assert_list_is_flat(
        client, "/tag/climate/", lambda n: _stories(n, tags=(climate,)), count_items=CARDS
    )


def test_author_page_queries_do_not_grow_with_stories(client):
    desk = AuthorFactory(slug="data-desk", photo=NewsImageFactory(file=jpeg(320, 200)))

    assert_list_is_flat(
        client, "/author/data-desk/", lambda n: _stories(n, authors=(desk,)), count_items=CARDS
    )


def test_search_results_queries_do_not_grow_with_results(client):
    _stories(3, headline="Unrelated harvest")

    assert_list_is_flat(
        client,
        "/search/?q=commuter",
        lambda n: _stories(n, headline="Commuter line"),
        count_items=CARDS,
    )


@pytest.mark.parametrize(
    ("url", "item"),
    [
        ("/feeds/rss.xml", "<item>"),
        ("/feeds/atom.xml", "<entry>"),
        ("/feeds/world/rss.xml", "<item>"),
        ("/feeds/world/atom.xml", "<entry>"),
    ],
)
def test_feed_queries_do_not_grow_with_items(client, url, item):
    world = SectionFactory(slug="world")

    assert_list_is_flat(
        client, url, lambda n: _stories(n, section=world, wire=True), count_items=occurrences(item)
    )


@pytest.mark.parametrize(
    ("url", "item", "shown"),
    [
        ("/sitemap.xml", "<sitemap>", 3),  # one per sitemap: articles, sections, news
        ("/sitemap-articles.xml", "<url>", MANY),
        ("/sitemap-sections.xml", "<url>", MANY),  # a section per story
        ("/sitemap-news.xml", "<url>", MANY),
    ],
)
def test_sitemap_queries_do_not_grow_with_articles_or_sections(client, url, item, shown):
    assert_list_is_flat(client, url, _stories, count_items=occurrences(item), expected=shown)


def test_account_page_queries_do_not_grow_with_gifts(client):
    reader = ReaderFactory()
    SubscriptionFactory(user=reader, plan=plan_with_gifts(MANY))
    client.force_login(reader)

    def add(n: int) -> None:
        now = timezone.now()
        for i in range(n):
            made = gift_create(gifter=reader, article=premium_article(n=i), now=now)
            gift_open(token=made.token, article=made.gift.article, browser_key="", now=now)

    assert_list_is_flat(client, "/account/", add, count_items=occurrences('class="gift-link"'))
