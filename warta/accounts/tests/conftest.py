import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate limits in the default cache (locmem here): each test starts clean."""
    cache.clear()
    yield
    cache.clear()
