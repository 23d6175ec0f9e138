import time

import pytest
from django.core.cache import cache

from warta.feedback import guards
from warta.feedback.tests.cases import THIRTY

GOOD_MESSAGE = "The new article pages load quickly and read well. " + THIRTY


@pytest.fixture(autouse=True)
def _empty_rate_counts():
    cache.clear()
    yield
    cache.clear()


def a_minute_ago() -> str:
    return guards.start_token(at=time.time() - 60)


def form_data(**fields) -> dict[str, str]:
    """What the box posts for a reader who spent a minute on it."""
    return {
        "message": GOOD_MESSAGE,
        "reply_email": "",
        "page": "/world/2026/01/08/story.html",
        "started": a_minute_ago(),
        "website": "",
        **fields,
    }
