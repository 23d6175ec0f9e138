"""The wire desk in the back office: what came in, with the agency's notes, for editors only."""

import pytest
from django.contrib.auth.models import Group
from lxml import html as lxml_html

from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.wire.models import Source, WireItemRecord

from .wire_helpers import ingest, ninjs, source

pytestmark = pytest.mark.django_db

URI = "urn:test:desk:story"


@pytest.fixture
def editor(django_user_model):
    newsroom_roles_ensure()
    user = django_user_model.objects.create_user(
        username="desk-editor", email="desk-editor@news.example", password="x"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def _text(response) -> str:
    return " ".join(lxml_html.fromstring(response.content).text_content().split())


def test_editors_see_new_withdrawn_and_failed_items_with_the_agencys_notes(
    client, editor, tmp_path
):
    src = source("Desk Agency")
    ingest(src, tmp_path, ninjs(URI, 1, ednote="Figures from the port authority."))
    ingest(src, tmp_path, ninjs(URI, 2, "KILL - Floodwater story", body="", pubstatus="canceled",
                                ednote="KILL: wrong port named."))  # fmt: skip
    ingest(src, tmp_path, ninjs("urn:test:desk:bad", 1, headline=""))
    client.force_login(editor)

    response = client.get("/admin/wire/desk/")

    assert response.status_code == 200
    text = _text(response)
    assert "Desk Agency" in text
    assert "KILL: wrong port named." in text and "Figures from the port authority." in text
    assert "the item has no headline" in text
    record = WireItemRecord.objects.get(item_id=URI)
    edit_url = f"/admin/snippets/newsroom/article/edit/{record.article_id}/"
    assert edit_url in response.content.decode()

    failed_only = _text(client.get("/admin/wire/desk/?show=failed"))
    assert "the item has no headline" in failed_only and "wrong port named" not in failed_only
    assert client.get("/admin/wire/desk/?show=<script>").status_code == 200


def test_readers_never_reach_the_desk(client, django_user_model):
    reader = django_user_model.objects.create_user(
        username="reader", email="reader@news.example", password="x"
    )
    client.force_login(reader)
    response = client.get("/admin/wire/desk/")
    assert response.status_code in (302, 403)


def test_sources_are_edited_in_the_back_office(admin_client):
    src = source("Edited Agency")
    assert admin_client.get("/admin/snippets/wire/source/").status_code == 200
    page = admin_client.get(f"/admin/snippets/wire/source/edit/{src.pk}/")
    assert page.status_code == 200
    assert "Agency category to section" in page.content.decode()
    assert Source.objects.count() == 1


def test_each_line_shows_what_that_version_said(client, editor, tmp_path):
    """A story killed later still shows, on its "new" line, its own headline and notes."""
    src = source("Desk Agency")
    ingest(src, tmp_path, ninjs(URI, 1, "Port reopens", ednote="Figures from the port authority."))
    ingest(src, tmp_path, ninjs(URI, 2, "KILL - Port reopens", body="", pubstatus="canceled",
                                ednote="KILL: wrong port named."))  # fmt: skip
    client.force_login(editor)

    page = lxml_html.fromstring(client.get("/admin/wire/desk/?show=new").content)
    new_line = " ".join(page.xpath("string((//tbody)[last()]/tr[1])").split())

    assert "Port reopens" in new_line and "Figures from the port authority." in new_line
    assert "KILL" not in new_line
    withdrawn = _text(client.get("/admin/wire/desk/?show=withdrawn"))
    assert withdrawn.count("KILL: wrong port named.") == 1
