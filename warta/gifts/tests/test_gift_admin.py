import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.models import Gift
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import premium_article, subscriber
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    return client


def test_staff_see_every_gift_and_can_revoke_a_link(superuser_client):
    made = gift_create(gifter=subscriber(), article=premium_article(), now=timezone.now())

    listing = superuser_client.get("/admin/snippets/gifts/gift/")
    edit_url = f"/admin/snippets/gifts/gift/edit/{made.gift.pk}/"
    form = superuser_client.get(edit_url)
    response = superuser_client.post(edit_url, {"revoke": "on"})

    assert listing.status_code == 200
    assert made.gift.article.headline in listing.content.decode()
    assert form.status_code == 200
    assert response.status_code == 302
    made.gift.refresh_from_db()
    assert made.gift.revoked_at is not None
    assert made.gift.revoked_by.username == "boss"


def test_nobody_makes_gifts_in_the_back_office(superuser_client):
    assert superuser_client.get("/admin/snippets/gifts/gift/add/").status_code in (302, 403)
    assert not Gift.objects.exists()


def test_editors_without_gift_permissions_do_not_see_gifts(client):
    newsroom_roles_ensure()
    editor = User.objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    assert client.get("/admin/snippets/gifts/gift/").status_code in (302, 403)
