"""The signed-in user is read from the cache, and every change to the user counts at once."""

import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from warta.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def user_cache_on(settings):
    settings.WARTA_USER_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader() -> User:
    return User.objects.create_user(
        "ayu", "ayu@example.org", "old-password", display_name="Ayu Lestari"
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def account_page(client: Client) -> str:
    return client.get("/account/").content.decode()


def user_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]


def test_the_second_request_reads_the_user_from_the_cache(reader):
    client = signed_in(reader)
    client.get("/robots.txt")

    with CaptureQueriesContext(connection) as queries:
        client.get("/robots.txt")

    assert user_queries(queries) == []


def test_a_new_display_name_shows_on_the_next_request(reader, django_capture_on_commit_callbacks):
    client = signed_in(reader)
    assert "Ayu Lestari" in account_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        reader.display_name = "Ayu L."
        reader.save()

    assert "Ayu L." in account_page(client)


def test_a_new_password_signs_other_sessions_out_at_once(
    reader, django_capture_on_commit_callbacks
):
    other_device = signed_in(reader)
    assert "Ayu Lestari" in account_page(other_device)

    with django_capture_on_commit_callbacks(execute=True):
        reader.set_password("new-password")
        reader.save()

    response = other_device.get("/account/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_account_is_signed_out_at_once(reader, django_capture_on_commit_callbacks):
    client = signed_in(reader)
    assert "Ayu Lestari" in account_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        reader.is_active = False
        reader.save()

    assert client.get("/account/").status_code == 302


def test_a_deleted_account_is_signed_out_at_once(reader, django_capture_on_commit_callbacks):
    client = signed_in(reader)
    assert "Ayu Lestari" in account_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        reader.delete()

    assert client.get("/account/").status_code == 302


def test_what_a_request_learns_about_the_user_is_not_kept(reader):
    client = signed_in(reader)
    client.get("/robots.txt")  # the user is now in the cache
    kept = pickle.loads(cache.get(f"warta:user:{reader.pk}"))  # noqa: S301 - the test's own

    assert kept is not None and kept.display_name == "Ayu Lestari"
    assert not hasattr(kept, "_perm_cache") and not hasattr(kept, "_user_perm_cache")


def test_a_process_that_trusts_what_it_read_still_sees_its_own_changes_at_once(
    reader, settings, django_capture_on_commit_callbacks
):
    from warta.local_cache import local_clear

    settings.WARTA_READER_TRUST_SECONDS = 60
    settings.WARTA_LOCAL_CACHE_ENTRIES = 16
    local_clear()
    client = signed_in(reader)
    assert "Ayu Lestari" in account_page(client)
    assert "Ayu Lestari" in account_page(client)  # now from this process's memory

    with django_capture_on_commit_callbacks(execute=True):
        reader.display_name = "Ayu L."
        reader.save()

    assert "Ayu L." in account_page(client)
    local_clear()
