"""Story cards are rendered once per published version and reused by every list (web/cards.py)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from warta.newsroom.content_changes import everything_changed
from warta.newsroom.services import article_create, article_publish
from warta.newsroom.tests.factories import SectionFactory, paragraphs
from warta.web import cards

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(production_caches, settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 0  # every page rendered: only the cards are kept
    return article_create(
        headline="Ports reopen after the storm",
        slug="ports-reopen",
        dek="Ships move again.",
        section=SectionFactory(slug="world", name="World"),
        body=paragraphs("The ports reopened."),
        publish=True,
        published_at=timezone.now() - timedelta(hours=1),
    )


def _card_renders(url: str) -> tuple[int, str]:
    with mock.patch.object(cards, "_render", wraps=cards._render) as render:
        html = Client().get(url).content.decode()
    return render.call_count, html


def test_a_card_is_rendered_once_and_then_reused_by_every_list(story):
    first, home = _card_renders("/")
    again, home_again = _card_renders("/")
    section_renders, section = _card_renders("/world/")

    assert first >= 1 and again == 0
    assert home_again == home
    assert section_renders == 1  # its own variant (with the dek), once
    assert "Ports reopen after the storm" in section


def test_a_new_version_of_the_story_gets_a_new_card(story):
    _card_renders("/")
    story.headline = "Ports reopen as the storm passes"
    story.save_revision()
    article_publish(article=story)

    renders, home = _card_renders("/")

    assert renders >= 1
    assert "Ports reopen as the storm passes" in home
    assert "Ports reopen after the storm" not in home


def test_an_edit_of_everything_renders_the_cards_again(story):
    _card_renders("/")
    story.section.name = "World News"
    story.section.save()
    everything_changed("Section edited in the back office")

    renders, home = _card_renders("/")

    assert renders >= 1
    assert "World News" in home


def test_cards_off_render_every_time(story, settings):
    settings.WARTA_FRAGMENT_CACHE_SECONDS = 0
    _card_renders("/")

    assert _card_renders("/")[0] >= 1


def _feed_entry_reads(url: str) -> tuple[int, str]:
    from warta.web import feed_entries

    with mock.patch.object(feed_entries, "feed_entry", wraps=feed_entries.feed_entry) as made:
        xml = Client().get(url).content.decode()
    return made.call_count, xml


def test_a_feed_entry_is_made_once_and_shared_by_every_feed(story):
    first, rss = _feed_entry_reads("/feeds/rss.xml")
    again, rss_again = _feed_entry_reads("/feeds/rss.xml")
    atom, atom_xml = _feed_entry_reads("/feeds/world/atom.xml")

    assert (first, again, atom) == (1, 0, 0)
    assert rss_again == rss
    assert "Ports reopen after the storm" in rss and "Ports reopen after the storm" in atom_xml
    assert "The ports reopened." not in rss + atom_xml  # never the body


def test_a_new_version_of_the_story_gets_a_new_feed_entry(story):
    _feed_entry_reads("/feeds/rss.xml")
    story.headline = "Ports reopen as the storm passes"
    story.save_revision()
    article_publish(article=story)

    made, rss = _feed_entry_reads("/feeds/rss.xml")

    assert made == 1
    assert "Ports reopen as the storm passes" in rss
    assert "Ports reopen after the storm" not in rss
