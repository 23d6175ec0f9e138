"""Edits in the back office reach the reader's next request, with the production caches on."""

from datetime import timedelta

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.subscriptions.models import Subscription
from warta.subscriptions.tests.factories import ReaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_caches")]


def _staff() -> Client:
    client = Client()
    client.force_login(ReaderFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def _reads_whole(client: Client, article) -> bool:
    return CANARY in client.get(article.get_absolute_url()).content.decode()


def test_a_subscription_ended_by_hand_ends_access_at_once():
    reader = subscriber("siti")
    article = premium_article()
    client = Client()
    client.force_login(reader)
    assert _reads_whole(client, article)
    subscription = Subscription.objects.get(user=reader)
    ended = timezone.localtime(timezone.now() - timedelta(days=1))

    staff = _staff()
    response = staff.post(
        reverse("wagtailsnippets_subscriptions_subscription:edit", args=[subscription.pk]),
        {
            "plan": subscription.plan_id,
            "status": "expired",
            "current_period_end": ended.strftime("%Y-%m-%d %H:%M"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not _reads_whole(client, article)


def test_a_reader_made_an_editor_reads_everything_at_once():
    newsroom_roles_ensure()
    reader = ReaderFactory(username="budi")
    article = premium_article()
    client = Client()
    client.force_login(reader)
    assert not _reads_whole(client, article)

    staff = _staff()
    response = staff.post(
        reverse("wagtailusers_users:edit", args=[reader.pk]),
        {
            "username": reader.username,
            "email": reader.email,
            "first_name": "Budi",
            "last_name": "Santoso",
            "password1": "",
            "password2": "",
            "is_active": "on",
            "groups": [Group.objects.get(name=EDITORS).pk],
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert _reads_whole(client, article)


def test_a_group_given_the_editors_rights_reads_everything_at_once():
    newsroom_roles_ensure()
    group = Group.objects.create(name="Night desk")
    reader = ReaderFactory(username="wati")
    reader.groups.add(group)
    article = premium_article()
    client = Client()
    client.force_login(reader)
    assert not _reads_whole(client, article)

    # The group's permissions are its members' rights: set them, then save the group's screen
    # as a browser would submit it unchanged (every field as the page filled it in).
    editors = Group.objects.get(name=EDITORS)
    group.permissions.set(editors.permissions.all())
    staff = _staff()
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    response = staff.post(url, _form_as_filled(staff.get(url).content))

    assert response.status_code == 302
    assert _reads_whole(client, article)


def _form_as_filled(html: bytes) -> dict[str, list[str]]:
    """What a browser submits for the page's edit form, untouched."""
    form = next(
        f for f in lxml.html.fromstring(html).forms if f.get("method", "").lower() == "post"
    )
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data
