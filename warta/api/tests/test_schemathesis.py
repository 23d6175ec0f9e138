"""schemathesis over the whole published schema, through WSGI, on a small newsroom: every
operation, with inputs made from the schema, answers no server error, and only what the schema
declares (status, content type, body). Bounded and deterministic, so CI runs it as it is."""

import json
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from warta.api.v1 import api
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    paragraphs,
)

from .api_client import PREFIX
from .app_sign_in import app_sign_in, token_headers, with_password

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
# Enough to find what the schema and the endpoints disagree on, few enough for the whole file to
# take well under 90 s on two cores (about 50 s there; most of it the coverage phase's fixed
# cases, not these). The same cases every run: deterministic, no example database.
MAX_EXAMPLES = 40
SEED = 14


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
            "phases": {"stateful": {"enabled": False}},
        }
    )


@pytest.fixture
def wsgi_transactions_kept():
    """Django closes "old" connections when a request starts and ends: under WSGI calls that is
    the test transaction's, with the test's data in it. Not during this test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(db):
    """Demo-like content: three sections, free, registered and premium stories, tags, desks."""
    business = SectionFactory(slug="business", name="Business")
    city = SectionFactory(slug="city", name="City")
    culture = SectionFactory(slug="culture", name="Culture")
    desk = AuthorFactory(slug="business-desk", name="Business Desk")
    port = TagFactory(slug="port", name="Port")
    now = timezone.now()
    for n, (section, level) in enumerate(
        [(city, AccessLevel.FREE), (culture, AccessLevel.REGISTERED), (business, AccessLevel.FREE)]
        * 2
    ):
        ArticleFactory(
            section=section,
            access_level=level,
            headline=f"Council story number {n}",
            slug=f"council-story-{n}",
            first_published_at=now - timedelta(hours=n + 3),
            body=paragraphs("The council met on Tuesday.", "It voted on the harbour budget."),
            authors=[desk],
            tags=[port],
        )
    harbour = premium_article(
        headline="Harbour extends night shifts",
        slug="harbour-extends-night-shifts",
        section=business,
        authors=[desk],
        tags=[port],
    )
    return harbour


@pytest.fixture(params=["anonymous", "subscriber", "over_the_limit"])
def reader_headers(request, newsroom, settings) -> dict[str, str]:
    """Each operation is run for an anonymous reader, for a subscriber signed in by the app's
    session token (with a gift made, so their gifts are not empty), and for an address over
    the API's rate limit (the first request answered, then ``rate_limited``)."""
    if request.param == "anonymous":
        return {}
    if request.param == "over_the_limit":
        settings.WARTA_API_ADDRESS_PER_MINUTE = 1
        return {}
    user = with_password(subscriber("ilse", gifts=5))
    gift_create(gifter=user, article=newsroom, now=timezone.now())
    return token_headers(app_sign_in(user))


def _schema():
    """The schema as /api/v1/openapi.json serves it, run against the site's WSGI application
    (loaded from the API object, not over WSGI: collecting tests may not touch the database; and
    schemathesis's ``from_fixture`` does not run under pytest 9)."""
    from config.wsgi import application

    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(api.get_openapi_schema())), config=_config()
    )
    loaded.app = application
    loaded.location = f"{PREFIX}/openapi.json"
    return loaded


schema = _schema()
# What each operation says it may answer, read from the schema the app publishes.
DECLARED = {
    (method, path): {int(status) for status in operation["responses"]}
    for path, operations in api.get_openapi_schema()["paths"].items()
    for method, operation in operations.items()
}


@schema.parametrize()
# The newsroom is made once for an operation and read by all its examples, as intended.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_the_schema_says(case, reader_headers, wsgi_transactions_kept):
    response = case.call_and_validate(checks=CHECKS, headers=reader_headers)

    assert response.status_code < 500, response.text[:300]
    # A method the operation does not take (schemathesis tries some) is a 405 problem, unless
    # the checks every request meets first refuse it (a bad token: 401; the rate limit: 429).
    declared = DECLARED.get((case.method.lower(), case.path), {401, 405, 429})
    assert response.status_code in declared, (response.status_code, sorted(declared))
