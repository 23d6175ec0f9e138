"""Fuzzing in CI (issue 15, item 4): generated inputs to every door a stranger can knock on.

Search (the site's and the API's), feedback, gift links (the site's `?gift=` and the app's
headers), sign-in and sign-up (the site's forms and the app's JSON), the API's query parameters,
and the wire's three parsers. For every input: no server error, and the answer takes under a
second of the process's CPU (wall time on a shared CI machine says more about the machine).

The inputs are derandomised, so CI runs the same ones each time; `make fuzz` runs more, at
random (`WARTA_FUZZ_EXAMPLES`, `WARTA_FUZZ_RANDOM`). `EXAMPLES` is how many each test makes:
at least 2,000 in all (the last test checks the sum).
"""

import contextlib
import json
import os
import time
from datetime import UTC
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.gifts.tests.factories import premium_article
from warta.wire.items import WireFormatError
from warta.wire.parsers import newsml_g2, ninjs, rss

pytestmark = pytest.mark.django_db

SCALE = int(os.environ.get("WARTA_FUZZ_EXAMPLES", "1"))
EXAMPLES = {
    "site_search": 250,
    "api_search": 200,
    "feedback": 250,
    "gift_links": 250,
    "sign_in": 250,
    "app_json": 200,
    "api_params": 300,
    "wire": 300,
}
CPU_LIMIT_SECONDS = 1.0
SAMPLES = Path(__file__).resolve().parent.parent / "warta" / "wire" / "tests" / "samples"


def _fuzz(name: str):
    return settings(
        max_examples=EXAMPLES[name] * SCALE,
        deadline=None,
        derandomize=os.environ.get("WARTA_FUZZ_RANDOM", "") != "1",
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Text as people and scripts type it: any printable or control character, no lone surrogates
# (which no HTTP client can send).
anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
short = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


def _answered(call):
    """Run one request; its answer, after checking it is no server error and was quick."""
    started = time.process_time()
    response = call()
    spent = time.process_time() - started
    assert response.status_code < 500, (response.status_code, response.content[:300])
    assert spent < CPU_LIMIT_SECONDS, spent
    return response


@pytest.fixture
def article(db):
    cache.clear()
    return premium_article()


@_fuzz("site_search")
@given(q=anything)
def test_site_search(article, q):
    _answered(lambda: Client().get("/search/", {"q": q}))


@_fuzz("api_search")
@given(q=anything, cursor=st.one_of(st.none(), short), limit=st.one_of(st.none(), short))
def test_api_search(article, q, cursor, limit):
    params = {"q": q}
    if cursor is not None:
        params["cursor"] = cursor
    if limit is not None:
        params["limit"] = limit
    _answered(lambda: Client().get("/api/v1/search", params))


@_fuzz("feedback")
@given(message=anything, reply=short, page=short, started=short, honeypot=short)
def test_feedback(article, message, reply, page, started, honeypot):
    data = {"message": message, "reply_email": reply, "page": page, "started": started}
    if honeypot:
        data["website"] = honeypot
    _answered(lambda: Client().post("/feedback/", data))
    _answered(
        lambda: Client().post(
            "/api/v1/feedback",
            {"message": message, "reply_email": reply, "page": page},
            content_type="application/json",
        )
    )


@_fuzz("gift_links")
@given(token=anything, grants=anything)
def test_gift_links(article, token, grants):
    _answered(lambda: Client().get(article.get_absolute_url(), {"gift": token}))
    headers = {"X-Gift-Token": token, "X-Gift-Grants": grants}
    clean = {k: v for k, v in headers.items() if v.isprintable() and v.isascii()}
    _answered(lambda: Client().get(f"/api/v1/articles/{article.pk}", headers=clean))


@_fuzz("sign_in")
@given(login=anything, password=anything, email=short)
def test_site_sign_in_and_sign_up(article, login, password, email):
    _answered(lambda: Client().post("/accounts/login/", {"login": login, "password": password}))
    _answered(
        lambda: Client().post(
            "/accounts/signup/", {"email": email, "password1": password, "password2": password}
        )
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | short,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(short, inner, max_size=4),
    max_leaves=12,
)


@_fuzz("app_json")
@given(
    body=st.one_of(
        st.fixed_dictionaries({"username": json_values, "password": json_values}),
        st.fixed_dictionaries({"email": json_values, "password": json_values}),
        json_values,
    ),
    raw=st.binary(max_size=200),
)
def test_app_sign_in_sign_up_and_writes(article, body, raw):
    for path in ("/_allauth/app/v1/auth/login", "/_allauth/app/v1/auth/signup"):
        _answered(
            lambda path=path: Client().post(path, json.dumps(body), content_type="application/json")
        )
    _answered(lambda: Client().post("/api/v1/gifts", raw, content_type="application/json"))


@_fuzz("api_params")
@given(
    path=st.sampled_from(["/articles", "/sync", "/resolve", "/sections", "/articles/{pk}"]),
    names=st.lists(
        st.sampled_from(["section", "tag", "author", "cursor", "limit", "since", "url", "q"]),
        max_size=4,
    ),
    values=st.lists(anything, min_size=4, max_size=4),
    pk=st.one_of(st.integers(), short),
)
def test_api_query_parameters(article, path, names, values, pk):
    from urllib.parse import quote

    url = "/api/v1" + path.format(pk=quote(str(pk), safe=""))
    params = dict(zip(names, values, strict=False))
    _answered(lambda: Client().get(url, params))


def _samples() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SAMPLES.rglob("*")) if p.is_file()][:30]


@_fuzz("wire")
@given(data=st.data())
def test_wire_parsers(data):
    samples = _samples()
    base = data.draw(st.sampled_from(samples)) if samples else b""
    cut = data.draw(st.integers(0, len(base)))
    noise = data.draw(st.binary(max_size=64))
    where = data.draw(st.integers(0, len(base)))
    mutated = data.draw(
        st.sampled_from(
            [base[:cut], base[:where] + noise + base[where:], noise, base.replace(b"<", noise)]
        )
    )
    for parser in (ninjs, newsml_g2, rss):
        started = time.process_time()
        # A malformed file is refused with its reason (WireFormatError): what should happen.
        with contextlib.suppress(WireFormatError):
            parser.parse(mutated, default_zone=UTC)
        assert time.process_time() - started < CPU_LIMIT_SECONDS


def test_a_run_makes_at_least_2000_inputs():
    assert sum(EXAMPLES.values()) >= 2000
