"""The API's cache of shared answers (decision 0022): it answers anonymous apps with what every
anonymous app gets, is made stale by the changes that name what an answer shows, and never keeps
or hands out an answer that depends on who asks."""

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.services import article_create, article_publish, article_unpublish
from warta.newsroom.tests.factories import SectionFactory, paragraphs

from .answer_cache_client import AnswerCacheClient as Client
from .app_sign_in import app_sign_in, token_headers, with_password

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_caches")]

STATE = "X-Warta-Api-Cache"


def _get(path: str, client: Client | None = None, **headers: str):
    return (client or Client()).get("/api/v1" + path, headers=headers)


def _story(slug: str, *, hours_ago: int = 1, section=None):
    return article_create(
        headline=f"Headline of {slug}",
        slug=slug,
        dek="A summary.",
        section=section or SectionFactory(slug="nation"),
        body=paragraphs(f"The body of {slug}."),
        publish=True,
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )


def _headlines(response) -> list[str]:
    return [item["headline"] for item in json.loads(response.content)["items"]]


def test_an_anonymous_list_is_answered_from_the_cache_the_second_time():
    _story("harbour-dredging")

    first, second = _get("/articles"), _get("/articles")

    assert (first[STATE], second[STATE]) == ("miss", "hit")
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert "public" in second["Cache-Control"] and second["Surrogate-Key"]


def test_a_new_story_makes_the_list_stale_at_once():
    nation = SectionFactory(slug="nation")
    _story("first-story", hours_ago=2, section=nation)
    _get("/articles?section=nation")

    _story("second-story", section=nation)

    again = _get("/articles?section=nation")
    assert again[STATE] == "miss"
    assert _headlines(again) == ["Headline of second-story", "Headline of first-story"]


def test_an_update_of_a_listed_story_reaches_the_list():
    story = _story("ferry-fares")
    _get("/articles")

    story.headline = "Ferry fares rise"
    story.save_revision()
    article_publish(article=story)

    assert _headlines(_get("/articles")) == ["Ferry fares rise"]


def test_a_kill_takes_the_story_out_of_every_kept_answer():
    story = _story("withdrawn-story")
    for path in ("/articles", "/articles?section=nation", "/sync"):
        _get(path)

    article_unpublish(article=story)

    assert _headlines(_get("/articles")) == []
    assert _headlines(_get("/articles?section=nation")) == []
    entries = json.loads(_get("/sync").content)["entries"]
    assert [e["id"] for e in entries] == []


def test_another_list_stays_kept_when_a_story_changes_elsewhere():
    _story("sport-story", section=SectionFactory(slug="sport"))
    _get("/articles?section=sport")

    _story("nation-story")

    assert _get("/articles?section=sport")[STATE] == "hit"


def test_revalidations_and_heads_fill_the_cache_after_a_change():
    _story("first-fill")
    old = _get("/articles")
    _story("second-fill")

    revalidated = _get("/articles", **{"If-None-Match": old["ETag"]})
    head = Client().head("/api/v1/articles")
    plain = _get("/articles")

    assert revalidated.status_code == 200 and revalidated[STATE] == "miss"
    assert revalidated["ETag"] != old["ETag"]
    assert head.status_code == 200 and head[STATE] == "hit" and head.content == b""
    assert plain[STATE] == "hit" and plain["ETag"] == revalidated["ETag"]


def test_a_head_that_fills_the_cache_carries_its_rate_state(settings):
    settings.WARTA_API_ADDRESS_PER_MINUTE = 100
    _story("head-fill")

    head = Client().head("/api/v1/articles")

    assert head[STATE] == "miss" and head["RateLimit"].startswith('"address";r=')


def test_an_empty_reader_header_is_a_reader_header():
    _story("empty-header")
    _get("/articles")

    answered = _get("/articles", **{"X-Session-Token": ""})

    assert STATE not in answered


def test_a_matching_etag_is_a_304_from_the_cache_and_head_has_no_body():
    _story("etag-story")
    first = _get("/articles")

    revalidated = _get("/articles", **{"If-None-Match": first["ETag"]})
    head = Client().head("/api/v1/articles")

    assert revalidated.status_code == 304 and revalidated[STATE] == "hit"
    assert revalidated.content == b"" and revalidated["ETag"] == first["ETag"]
    assert head.status_code == 200 and head[STATE] == "hit" and head.content == b""


@pytest.mark.parametrize(
    "header", ["X-Session-Token", "Authorization", "X-Gift-Grants", "X-Gift-Token"]
)
def test_a_request_that_may_say_who_reads_is_never_answered_from_the_cache(header):
    _story("someones-story")
    _get("/articles")
    value = {
        "X-Session-Token": app_sign_in(with_password(subscriber("cache-app"))),
        "Authorization": "Bearer app-credential",
        "X-Gift-Grants": "not-a-grant",
        "X-Gift-Token": "x" * 43,
    }[header]

    carried = _get("/articles", **{header: value})

    assert STATE not in carried
    if header == "X-Session-Token":
        assert carried["Cache-Control"] == "private, no-cache"


def test_a_site_session_is_never_answered_from_the_cache():
    _story("session-story")
    _get("/articles")
    client = Client()
    client.force_login(subscriber("cache-site-reader"))

    assert STATE not in _get("/articles", client)


def test_an_anonymous_article_read_is_kept_and_never_handed_to_a_reader_who_may_read_more():
    article = premium_article()
    token = app_sign_in(with_password(subscriber("kept-read-subscriber")))

    reads = [_get(f"/articles/{article.pk}") for _ in "ab"]
    subscribers = _get(f"/articles/{article.pk}", **token_headers(token))

    assert [r[STATE] for r in reads] == ["miss", "hit"]
    assert CANARY not in reads[1].content.decode()
    assert STATE not in subscribers and CANARY in subscribers.content.decode()


def test_a_vary_on_anything_else_is_never_kept():
    from warta.api.answer_cache import response_is_storable

    public = [("Cache-Control", "public, max-age=0, s-maxage=60")]

    assert response_is_storable("200 OK", [*public, ("Vary", "X-Session-Token, Cookie")])
    assert not response_is_storable("200 OK", [*public, ("Vary", "User-Agent")])
    assert not response_is_storable("200 OK", [*public, ("Set-Cookie", "a=b")])
    assert not response_is_storable("404 Not Found", public)
    assert not response_is_storable("200 OK", [("Cache-Control", "private, no-cache")])


def test_a_hit_carries_the_policy_but_not_another_clients_rate_state(settings):
    settings.WARTA_API_ADDRESS_PER_MINUTE = 100
    _story("rate-story")

    first, second = _get("/articles"), _get("/articles")

    assert first["RateLimit"].startswith('"address";r=')
    assert second[STATE] == "hit" and not second.has_header("RateLimit")
    assert second["RateLimit-Policy"] == '"address";q=100;w=60'


def test_the_canary_reaches_no_anonymous_app_through_the_cache_after_a_subscriber():
    article = premium_article()
    token = app_sign_in(with_password(subscriber("canary-app")))
    gift = gift_create(gifter=subscriber("canary-gifter"), article=article, now=timezone.now())
    url = quote("https://news.example" + article.get_absolute_url(), safe="")
    paths = [
        "/sections",
        "/articles",
        f"/articles?section={article.section.slug}",
        f"/articles/{article.pk}",
        f"/resolve?url={url}",
        "/sync",
        f"/search?q={quote(article.headline)}",
    ]
    for path in paths:  # a subscriber's reads, and a gift reader's, first
        assert _get(path, **token_headers(token)).status_code == 200
        _get(path, **{"X-Gift-Token": gift.token})

    anonymous = [_get(path) for path in paths]

    assert [r.status_code for r in anonymous] == [200] * len(paths)
    assert [CANARY in r.content.decode() for r in anonymous] == [False] * len(paths)
