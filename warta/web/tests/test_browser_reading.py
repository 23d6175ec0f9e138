"""A reader's first visit, in a real Chromium: the home page, then an article."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.newsroom.tests.factories import (
    ArticleFactory,
    NewsImageFactory,
    SectionFactory,
    WireSourceFactory,
    paragraphs,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story():
    world = SectionFactory(name="World", slug="world")
    return ArticleFactory(
        section=world,
        headline="China and Pakistan agree to deepen security cooperation",
        dek="A quarterly working group will review threats to projects.",
        wire_source=WireSourceFactory(),
        dateline="Islamabad, Pakistan",
        hero_image=NewsImageFactory(),
        first_published_at=timezone.now() - timedelta(hours=1),
        body=paragraphs(
            "China and Pakistan agreed to widen cooperation against militant violence.",
            "The interior ministers will meet once a year.",
        ),
    )


def test_reader_goes_from_home_to_the_article(page, live_server, story):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=story.headline).first.click()

    page.wait_for_url("**" + story.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == story.headline
    assert page.locator(".byline").inner_text() == "Reuters"
    assert page.locator(".dateline").inner_text() == "Islamabad, Pakistan"
    hero = page.locator("figure.hero img")
    hero.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", hero.element_handle())
    assert "(Reuters/Photo Desk)" in page.locator("figure.hero figcaption").inner_text()
    first_paragraph = page.locator(".article-body > p").first
    assert first_paragraph.inner_text().startswith("China and")  # the first word stays whole
    drop_cap = page.evaluate(
        """() => getComputedStyle(document.querySelector('.article-body > p'), '::first-letter')
        .float"""
    )
    assert drop_cap == "left"


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_article_fits_the_screen_from_phone_to_desktop(page, live_server, story, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + story.get_absolute_url())

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("h1").is_visible()


def test_article_makes_no_third_party_requests(page, live_server, story):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_load_state("networkidle")

    assert requested
    assert all(url.startswith(live_server.url) for url in requested), requested
