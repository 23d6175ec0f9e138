"""The production profile's redirect of plain HTTP to HTTPS (``WARTA_SSL_REDIRECT``) depends on
the scheme the proxy forwards: no shared cache may keep it, or HTTPS readers get it too (a
redirect loop behind Varnish)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_ssl(settings):
    """What config/settings.py sets with WARTA_PRODUCTION=true."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["news.example"]


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("forwarded", [{}, {"HTTP_X_FORWARDED_PROTO": "http"}])
def test_the_redirect_to_https_is_never_shared(production_ssl, forwarded):
    response = Client(HTTP_HOST="news.example", **forwarded).get("/robots.txt")

    assert response.status_code == 301
    assert response["Location"] == "https://news.example/robots.txt"
    assert {"private", "no-store"} <= _cache_control(response)
    assert "public" not in _cache_control(response)


def test_the_https_page_behind_it_is_shared_as_before(production_ssl):
    response = Client(HTTP_HOST="news.example", HTTP_X_FORWARDED_PROTO="https").get("/robots.txt")

    assert response.status_code == 200
    assert "public" in _cache_control(response)


def test_a_redirect_the_same_for_every_scheme_is_left_alone(production_ssl):
    secure = Client(HTTP_HOST="news.example", HTTP_X_FORWARDED_PROTO="https")

    response = secure.get("/search")  # APPEND_SLASH: a relative Location, whatever the scheme

    assert (response.status_code, response["Location"]) == (301, "/search/")
    assert "private" not in _cache_control(response)
