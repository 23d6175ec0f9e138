"""Cards in lists say which articles need more than a visit: "Premium" for subscribers' articles,
"Registered" for those that need a free account; free articles carry no badge."""

from datetime import UTC, datetime, timedelta

import pytest
from lxml import html as lxml_html

from warta.newsroom.models import AccessLevel, FrontPage, FrontPageStory
from warta.newsroom.tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 8, 8, 0, tzinfo=UTC)
LEVELS = {
    "Harbour free story": AccessLevel.FREE,
    "Harbour registered story": AccessLevel.REGISTERED,
    "Harbour premium story": AccessLevel.PREMIUM,
}


@pytest.fixture
def articles():
    world = SectionFactory(name="World", slug="world")
    tag = TagFactory(name="Ports", slug="ports")
    desk = AuthorFactory(name="Port Desk", slug="port-desk")
    made = [
        ArticleFactory(
            headline=headline,
            dek="Ships and cranes.",
            access_level=level,
            section=world,
            tags=[tag],
            authors=[desk],
            first_published_at=T0 + timedelta(hours=i),
        )
        for i, (headline, level) in enumerate(LEVELS.items())
    ]
    front = FrontPage.objects.create(name="Home page")
    for order, article in enumerate(made):
        FrontPageStory.objects.create(front_page=front, article=article, sort_order=order)
    return made


def _badges(response) -> dict[str, list[str]]:
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    found = {}
    for card in doc.cssselect("article.card"):
        headline = card.cssselect(".card-title a")[0].text_content()
        found[headline] = [
            badge.text_content() for badge in card.cssselect(".badge-premium, .badge-registered")
        ]
    return found


@pytest.mark.parametrize(
    "path",
    ["/", "/world/", "/tag/ports/", "/author/port-desk/", "/search/?q=harbour"],
)
def test_cards_badge_premium_and_registered_articles(client, articles, path):
    badges = _badges(client.get(path))

    assert badges == {
        "Harbour free story": [],
        "Harbour registered story": ["Registered"],
        "Harbour premium story": ["Premium"],
    }
