"""``/gifts``: a subscriber makes, lists and revokes gift links from the app, through the site's
services, with its allowance, its hourly limit and its words; every refusal a stable code."""

import pytest
from django.test import Client

from warta.api import problems
from warta.gifts import services
from warta.gifts.allowance_words import REVOKED
from warta.gifts.tests.factories import premium_article as any_premium_article
from warta.gifts.tests.factories import subscriber
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory
from warta.subscriptions.tests.factories import ReaderFactory

from .api_client import api_get, assert_matches_schema, assert_problem, body
from .app_sign_in import api_delete, api_post, app_sign_in, token_headers, with_password
from .newsroom_data import premium_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]


def _token(user) -> dict[str, str]:
    return token_headers(app_sign_in(with_password(user)))


def _gift(headers, article):
    return api_post(Client(), "/gifts", {"article_id": article.pk}, **headers)


@pytest.fixture
def gifter():
    return _token(subscriber("api-gifter", gifts=2))


def test_a_subscriber_gifts_an_article_and_gets_the_link(gifter):
    article = premium_article()

    made = _gift(gifter, article)

    assert made.status_code == 201, made.content
    assert made["Cache-Control"] == "private, no-cache"
    document = body(made)
    assert_matches_schema(document, "GiftMade")
    assert document["created"] is True
    assert document["gift"]["url"].endswith(article.get_absolute_url() + "?gift=" + (
        document["gift"]["url"].split("?gift=")[1]))  # fmt: skip
    assert document["gifts_left"] == {"left": 1, "text": "1 gift left this month."}


def test_gifting_the_same_article_again_gives_the_same_link_and_uses_nothing(gifter):
    article = premium_article()
    first = body(_gift(gifter, article))

    again = _gift(gifter, article)

    assert again.status_code == 200
    assert body(again)["created"] is False
    assert body(again)["gift"]["url"] == first["gift"]["url"]
    assert body(again)["gifts_left"]["left"] == 1


def test_the_allowance_is_enforced_as_on_the_site(gifter):
    articles = [any_premium_article(n=str(i), slug=f"premium-{i}") for i in range(3)]
    made = [_gift(gifter, article) for article in articles]

    assert [m.status_code for m in made] == [201, 201, 409]
    document = assert_problem(made[2], problems.GIFT_ALLOWANCE_USED)
    assert document["detail"] == services.ALLOWANCE_USED


@pytest.mark.parametrize(
    ("make", "problem", "words"),
    [
        (
            lambda: ArticleFactory(access_level=AccessLevel.FREE),
            problems.GIFT_NOT_PREMIUM,
            services.NOT_PREMIUM,
        ),
    ],
)
def test_an_article_that_cannot_be_gifted_is_refused_with_its_code(gifter, make, problem, words):
    document = assert_problem(_gift(gifter, make()), problem)

    assert document["detail"] == words


def test_a_reader_without_a_subscription_cannot_gift():
    headers = _token(ReaderFactory(username="no-plan"))

    document = assert_problem(_gift(headers, premium_article()), problems.GIFT_NOT_A_SUBSCRIBER)

    assert document["detail"] == services.NOT_A_SUBSCRIBER


def test_an_unknown_article_is_not_found(gifter):
    response = api_post(Client(), "/gifts", {"article_id": 999999}, **gifter)

    assert_problem(response, problems.ARTICLE_NOT_FOUND)


def test_too_many_links_in_an_hour_says_when_to_try_again(gifter, settings):
    settings.WARTA_GIFT_LINKS_PER_HOUR = 1
    _gift(gifter, any_premium_article(n="a", slug="premium-a"))

    refused = _gift(gifter, any_premium_article(n="b", slug="premium-b"))

    document = assert_problem(refused, problems.GIFT_TOO_MANY_LINKS)
    assert int(refused["Retry-After"]) > 0
    assert "gift links in the last hour" in document["detail"]


def test_nobody_signed_in_can_neither_gift_nor_list():
    assert_problem(_gift({}, premium_article()), problems.SIGN_IN_REQUIRED)
    assert_problem(api_get(Client(), "/gifts"), problems.SIGN_IN_REQUIRED)


def test_the_list_shows_my_gifts_newest_first(gifter):
    first = body(_gift(gifter, any_premium_article(n="1", slug="premium-1")))
    second = body(_gift(gifter, any_premium_article(n="2", slug="premium-2")))

    listed = api_get(Client(), "/gifts", **gifter)

    assert listed["Cache-Control"] == "private, no-cache"
    assert_matches_schema(body(listed), "GiftList")
    assert [g["id"] for g in body(listed)["items"]] == [second["gift"]["id"], first["gift"]["id"]]
    assert body(listed)["gifts_left"]["left"] == 0


def test_revoking_a_link_nobody_opened_gives_the_gift_back(gifter):
    made = body(_gift(gifter, premium_article()))

    revoked = api_delete(Client(), f"/gifts/{made['gift']['id']}", **gifter)

    document = body(revoked)
    assert revoked.status_code == 200
    assert document["gave_back"] is True and document["gift"]["state"] == "revoked"
    assert document["message"] == (
        f"{REVOKED} Nobody had opened it, so the gift is back: 2 of 2 gifts left this month."
    )


def test_revoking_a_link_someone_opened_keeps_it_counted(gifter):
    article = premium_article()
    made = body(_gift(gifter, article))
    token = made["gift"]["url"].split("?gift=")[1]
    api_get(Client(), f"/articles/{article.pk}", **{"X-Gift-Token": token})

    document = body(api_delete(Client(), f"/gifts/{made['gift']['id']}", **gifter))

    assert document["gave_back"] is False
    assert "It had been opened, so it still counts: 1 of 2" in document["message"]


def test_another_readers_gift_is_not_mine_to_revoke(gifter):
    made = body(_gift(gifter, premium_article()))
    other = _token(subscriber("other-gifter"))

    refused = api_delete(Client(), f"/gifts/{made['gift']['id']}", **other)

    assert assert_problem(refused, problems.GIFT_NOT_YOURS)["detail"] == services.NOT_YOURS


def test_an_unknown_gift_is_not_found(gifter):
    assert_problem(api_delete(Client(), "/gifts/999999", **gifter), problems.GIFT_NOT_FOUND)


def test_every_refusal_of_the_service_has_a_code():
    from warta.api.gift_writes import REFUSALS

    codes = {v for k, v in vars(services).items() if k.startswith("REFUSED_")}

    assert set(REFUSALS) == codes
