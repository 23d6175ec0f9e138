"""Reporters and editors upload, choose and edit pictures in the back office's image library.

Wagtail grants image rights per collection, under ``wagtailimages``' own codenames whatever the
image model (``WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"``): these tests go through the
admin's chooser and upload views as the roles set up by ``newsroom_setup`` use them.
"""

import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html as lxml_html
from PIL import Image
from wagtail.models import Collection, GroupCollectionPermission

from warta.newsroom.models import NewsImage
from warta.newsroom.roles import EDITORS, REPORTERS, newsroom_roles_ensure

pytestmark = pytest.mark.django_db


def _png(name="harbour.png"):
    out = io.BytesIO()
    Image.new("RGB", (64, 40), "#2266aa").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        newsroom_roles_ensure()
        user = django_user_model.objects.create_user(
            username=group_name.lower(), email=f"{group_name.lower()}@news.example", password="x"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.mark.parametrize("group_name", [REPORTERS, EDITORS])
def test_given_newsroom_member_when_opening_image_chooser_then_it_offers_the_upload_tab(
    client, member, group_name
):
    client.force_login(member(group_name))

    response = client.get(reverse("wagtailimages_chooser:choose"))

    assert response.status_code == 200
    doc = lxml_html.fromstring(json.loads(response.content)["html"])
    assert doc.cssselect("#tab-upload"), "the chooser should offer an upload tab"
    assert doc.cssselect("#tab-upload input[type=file]")


@pytest.mark.parametrize("group_name", [REPORTERS, EDITORS])
def test_given_newsroom_member_when_uploading_in_the_admin_then_the_image_is_in_the_library(
    client, member, group_name
):
    user = member(group_name)
    client.force_login(user)

    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Harbour at dawn",
            "file": _png(),
            "collection": Collection.get_first_root_node().pk,
            "description": "Cranes over the new container terminal",
            "caption": "The new terminal.",
            "credit": "Warta/Staff",
            "tags": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = NewsImage.objects.get(title="Harbour at dawn")
    assert image.uploaded_by_user == user
    assert image.credit == "Warta/Staff"
    # ... then chooses it and edits its credit.
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert "Harbour at dawn" in json.loads(chooser.content)["html"]
    edit = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert edit.status_code == 200


def test_given_old_setup_when_setting_up_again_then_roles_hold_wagtails_image_permissions():
    newsroom_roles_ensure()
    newsroom_roles_ensure()  # idempotent

    def codenames(group_name):
        return set(
            GroupCollectionPermission.objects.filter(group__name=group_name).values_list(
                "permission__content_type__app_label", "permission__codename"
            )
        )

    images = {("wagtailimages", c) for c in ("add_image", "change_image", "choose_image")}
    assert codenames(REPORTERS) == images
    assert images | {("wagtailimages", "delete_image")} <= codenames(EDITORS)
    # The model's own codenames mean nothing to Wagtail's collection rights: none are left.
    assert not GroupCollectionPermission.objects.filter(
        permission__content_type__app_label="newsroom"
    ).exists()
