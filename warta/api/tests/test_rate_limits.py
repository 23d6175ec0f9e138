"""Rate limits: per session token and per address, counted in the shared cache, told in the
``RateLimit`` fields, refused with ``rate_limited`` and ``Retry-After``."""

import json
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from warta.api import problems
from warta.gifts.tests.factories import subscriber

from .api_client import assert_problem
from .app_sign_in import app_sign_in, token_headers, with_password

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_mode")]

STATE = re.compile(r'\A"(token|address)";r=(\d+);t=(\d+)\Z')
# In the middle of a window, so that no test crosses into the next one.
NOW = 1_800_000_030.0


@pytest.fixture(autouse=True)
def _counts(settings):
    cache.clear()
    settings.WARTA_API_TOKEN_PER_MINUTE = 3
    settings.WARTA_API_ADDRESS_PER_MINUTE = 2
    with mock.patch("warta.api.urls.time.time", return_value=NOW):
        yield


def _state(response) -> tuple[str, int, int]:
    match = STATE.match(response["RateLimit"])
    assert match, response["RateLimit"]
    return match.group(1), int(match.group(2)), int(match.group(3))


def _from(address: str, path: str = "/sections", **headers: str):
    return Client(REMOTE_ADDR=address).get("/api/v1" + path, headers=headers)


def test_every_answer_says_the_policy_and_what_is_left():
    first = _from("203.0.113.5")
    second = _from("203.0.113.5")

    assert first.status_code == second.status_code == 200
    assert first["RateLimit-Policy"] == '"address";q=2;w=60'
    assert _state(first) == ("address", 1, 30)
    assert _state(second) == ("address", 0, 30)


def test_over_the_limit_an_address_is_refused_until_the_window_ends():
    for _ in range(2):
        _from("203.0.113.6")

    refused = _from("203.0.113.6")

    assert_problem(refused, problems.RATE_LIMITED)
    assert refused["Retry-After"] == "30"
    assert _state(refused) == ("address", 0, 30)
    assert _from("203.0.113.7").status_code == 200  # another address has its own count


def test_the_next_window_starts_again():
    for _ in range(3):
        _from("203.0.113.8")

    with mock.patch("warta.api.urls.time.time", return_value=NOW + 60):
        again = _from("203.0.113.8")

    assert again.status_code == 200 and _state(again)[1] == 1


def test_a_token_has_its_own_budget_whatever_its_address():
    token = app_sign_in(with_password(subscriber("rate-app")))
    for _ in range(2):
        _from("198.51.100.1")  # the address's budget is used up

    answers = [_from("198.51.100.1", "/me", **token_headers(token)) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0]["RateLimit-Policy"] == '"token";q=3;w=60'
    assert [_state(a)[1] for a in answers] == [2, 1, 0, 0]
    assert_problem(answers[3], problems.RATE_LIMITED)
    assert _from("198.51.100.2").status_code == 200  # the token's count is not an address's


def test_invented_tokens_count_against_the_address():
    answers = [_from("198.51.100.9", **token_headers(f"invented-{n}")) for n in range(3)]

    assert [a["Content-Type"] for a in answers] == ["application/problem+json"] * 3
    assert [body_code(a) for a in answers] == [
        "invalid_session_token",
        "invalid_session_token",
        "rate_limited",
    ]


def body_code(response) -> str:
    return json.loads(response.content)["code"]


def test_every_endpoint_is_counted_problems_and_unknown_methods_included():
    assert _from("192.0.2.1", "/articles/999999").status_code == 404
    assert Client(REMOTE_ADDR="192.0.2.1").post("/api/v1/sections").status_code == 405

    assert_problem(_from("192.0.2.1", "/sections"), problems.RATE_LIMITED)


def test_a_304_counts_and_carries_the_state():
    first = _from("192.0.2.2")

    revalidated = _from("192.0.2.2", **{"If-None-Match": first["ETag"]})

    assert revalidated.status_code == 304 and _state(revalidated) == ("address", 0, 30)


def test_a_limit_of_zero_counts_nothing_and_says_nothing(settings):
    settings.WARTA_API_ADDRESS_PER_MINUTE = 0

    answers = [_from("192.0.2.3") for _ in range(5)]

    assert {a.status_code for a in answers} == {200}
    assert not answers[-1].has_header("RateLimit")
    assert not answers[-1].has_header("RateLimit-Policy")


def test_the_count_is_in_the_shared_cache_so_every_process_counts_together():
    """What a process kept in its memory would let each of N workers allow the limit."""
    from django.test import RequestFactory

    from warta.cache_table import API_RATES
    from warta.feedback.guards import client_hash

    _from("192.0.2.4")
    _from("192.0.2.4")
    who = client_hash(RequestFactory(REMOTE_ADDR="192.0.2.4").get("/"))

    assert cache.get(API_RATES.key("address", who, int(NOW) - 30)) == 2


def test_a_path_the_api_does_not_have_is_counted_too():
    answers = [_from("192.0.2.5", "/no-such-thing") for _ in range(3)]

    assert [a.status_code for a in answers] == [404, 404, 429]
    assert _state(answers[0]) == ("address", 1, 30)
