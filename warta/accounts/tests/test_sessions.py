"""The database session store reads what Django's writes, and refuses what Django's refuses."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from warta.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_reads_back():
    session = SessionStore()
    session["reader"] = "ayu"
    session.save()

    assert SessionStore(session.session_key)["reader"] == "ayu"


def test_an_expired_session_reads_as_empty_and_gets_a_new_key():
    session = SessionStore()
    session["reader"] = "ayu"
    session.save()
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    stale = SessionStore(session.session_key)

    assert stale.load() == {}
    assert stale.session_key is None


@pytest.mark.parametrize("key", ["unknownsessionkey0123456789abcdef", "short", ""])
def test_an_unknown_or_malformed_key_reads_as_empty(key):
    assert SessionStore(key).load() == {}


def test_tampered_data_reads_as_empty():
    session = SessionStore()
    session["reader"] = "ayu"
    session.save()
    Session.objects.filter(pk=session.session_key).update(session_data="tampered")

    assert SessionStore(session.session_key).load() == {}
