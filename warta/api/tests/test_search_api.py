"""``GET /search``: the site's search for the app, finding only what the reader may read, with
the site's cleaning of the words and its limit of searches a minute."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from warta.api import problems
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory, paragraphs

from .api_client import api_get, assert_matches_schema, assert_problem, body
from .app_sign_in import app_sign_in, token_headers, with_password
from .newsroom_data import reader_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

TEASER_WORD = "limestone"
HIDDEN_WORD = "dolomitic"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()  # the searches-a-minute counts live in the cache


def _article(headline: str, level: str, *, hours_ago: int = 3):
    return ArticleFactory(
        headline=headline,
        access_level=level,
        first_published_at=timezone.now() - timedelta(hours=hours_ago),
        body=[
            *paragraphs(f"The {TEASER_WORD} kilns were lit.", "A second teaser paragraph."),
            ("teaser_break", None),
            *paragraphs(f"Only readers of the whole see {HIDDEN_WORD} rock.", "More."),
        ],
    )


@pytest.fixture
def articles():
    return {
        level: _article(f"{level.title()} kiln story", level)
        for level in (AccessLevel.FREE, AccessLevel.REGISTERED, AccessLevel.PREMIUM)
    }


def _found(client: Client, q: str, **headers: str) -> list[str]:
    response = api_get(client, f"/search?q={q}", **headers)
    assert response.status_code == 200, response.content
    return sorted(item["headline"] for item in body(response)["items"])


@pytest.mark.parametrize("kind", ["anonymous", "registered", "subscriber"])
def test_a_word_anyone_may_read_is_found_by_everyone(kind, articles):
    assert _found(reader_client(kind), TEASER_WORD) == [
        "Free kiln story",
        "Premium kiln story",
        "Registered kiln story",
    ]


@pytest.mark.parametrize(
    ("kind", "found"),
    [
        ("anonymous", ["Free kiln story"]),
        ("registered", ["Free kiln story", "Registered kiln story"]),
        ("lapsed", ["Free kiln story", "Registered kiln story"]),
        ("subscriber", ["Free kiln story", "Premium kiln story", "Registered kiln story"]),
        ("staff", ["Free kiln story", "Premium kiln story", "Registered kiln story"]),
    ],
)
def test_a_hidden_word_is_found_only_where_the_reader_reads_whole(kind, found, articles):
    assert _found(reader_client(kind), HIDDEN_WORD) == found


def test_a_subscriber_signed_in_by_token_searches_the_whole_text(articles):
    from warta.gifts.tests.factories import subscriber

    token = app_sign_in(with_password(subscriber("search-app-subscriber")))

    found = _found(Client(), HIDDEN_WORD, **token_headers(token))

    assert found == ["Free kiln story", "Premium kiln story", "Registered kiln story"]


def test_a_gift_grant_opens_no_text_to_search(articles):
    """A gift opens one article to one device; search looks at it as for anyone."""
    from warta.gifts.services import gift_create
    from warta.gifts.tests.factories import subscriber

    gift = gift_create(
        gifter=subscriber("search-gifter"), article=articles["premium"], now=timezone.now()
    )
    opened = api_get(
        Client(), f"/articles/{articles['premium'].pk}", **{"X-Gift-Token": gift.token}
    )
    grants = opened["X-Gift-Grants"]

    assert _found(Client(), HIDDEN_WORD, **{"X-Gift-Grants": grants}) == ["Free kiln story"]


def test_results_are_cards_with_no_body_and_match_the_schema(articles):
    response = api_get(Client(), f"/search?q={HIDDEN_WORD}")

    page = body(response)
    assert_matches_schema(page, "SearchPage")
    assert page["query"] == HIDDEN_WORD and page["cut"] is False
    assert HIDDEN_WORD not in response.content.decode().replace(f'"query": "{HIDDEN_WORD}"', "")
    assert "body" not in page["items"][0]


def test_an_anonymous_search_is_shared_and_a_readers_is_private(articles):
    anonymous = api_get(Client(), f"/search?q={TEASER_WORD}")
    signed_in = api_get(reader_client("subscriber"), f"/search?q={TEASER_WORD}")

    assert "public" in anonymous["Cache-Control"]
    assert "search" in anonymous["Surrogate-Key"].split()
    assert signed_in["Cache-Control"] == "private, no-cache"
    assert not signed_in.has_header("Surrogate-Key")


def test_pages_follow_the_cursor_to_the_end_without_repeating(articles):
    for n in range(5):
        _article(f"Extra kiln story {n}", AccessLevel.FREE, hours_ago=5 + n)
    seen: list[str] = []
    path = f"/search?q={TEASER_WORD}&limit=3"
    while True:
        page = body(api_get(Client(), path))
        seen += [item["headline"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        assert len(page["items"]) == 3
        path = f"/search?q={TEASER_WORD}&limit=3&cursor={page['next_cursor']}"

    assert len(seen) == len(set(seen)) == 8


@pytest.mark.parametrize("cursor", ["x", "czEuLTE", "czEuOTk5OQ", "MS4xLjE"])
def test_a_forged_cursor_is_refused(cursor, articles):
    response = api_get(Client(), f"/search?q={TEASER_WORD}&cursor={cursor}")

    assert_problem(response, problems.INVALID_CURSOR)


def test_quotes_and_controls_are_spaces_and_a_long_query_is_cut(articles):
    quoted = body(api_get(Client(), f'/search?q="{TEASER_WORD}%00"'))
    long = body(api_get(Client(), "/search?q=" + "kiln " * 100))

    assert quoted["query"] == TEASER_WORD and quoted["items"]
    assert long["cut"] is True and len(long["query"]) <= 200


def test_no_words_find_nothing_and_count_nothing(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 1
    for _ in range(3):
        page = body(api_get(Client(), "/search?q=%22%22"))
        assert page["items"] == [] and page["next_cursor"] is None

    assert api_get(Client(), f"/search?q={TEASER_WORD}").status_code == 200


def test_the_query_is_required_and_bounded():
    assert_problem(api_get(Client(), "/search"), problems.INVALID_PARAMETER)
    assert_problem(api_get(Client(), "/search?q=" + "a" * 2001), problems.INVALID_PARAMETER)


def test_searching_too_often_is_a_problem_with_retry_after_shared_with_the_site(settings, articles):
    settings.WARTA_SEARCH_PER_MINUTE = 2
    client = Client()
    assert client.get("/search/", {"q": TEASER_WORD}).status_code == 200  # the site's box
    assert api_get(client, f"/search?q={TEASER_WORD}").status_code == 200

    refused = api_get(client, f"/search?q={HIDDEN_WORD}")

    assert_problem(refused, problems.SEARCH_RATE_LIMITED)
    assert 1 <= int(refused["Retry-After"]) <= 60
