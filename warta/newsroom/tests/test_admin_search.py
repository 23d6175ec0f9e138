"""Searching the back office's article and author lists (they use the site's search index)."""

import pytest
from django.test import Client

from warta.accounts.models import User
from warta.newsroom.tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("desk", "desk@example.org", "x"))
    return client


def test_searching_articles_finds_them_by_headline(staff):
    ArticleFactory(headline="Harbour tender opens in Surabaya")
    ArticleFactory(headline="Rice prices hold steady")

    response = staff.get("/admin/snippets/newsroom/article/", {"q": "harbour"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Harbour tender opens in Surabaya" in page
    assert "Rice prices hold steady" not in page


def test_searching_authors_finds_them_by_name(staff):
    AuthorFactory(name="Dewi Kartika")
    AuthorFactory(name="Rudi Hartono")

    response = staff.get("/admin/snippets/newsroom/author/", {"q": "dewi"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dewi Kartika" in page and "Rudi Hartono" not in page
