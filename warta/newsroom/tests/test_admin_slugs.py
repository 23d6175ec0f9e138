"""Sections and authors in the back office get their slug from their name when it is left empty,
as an editor posts the snippet forms: one no other section (or author) has, and never an address
the site uses itself."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from warta.newsroom.admin_forms import NO_SLUG_FROM_NAME
from warta.newsroom.models import Author, Section
from warta.newsroom.tests.factories import AuthorFactory, SectionFactory
from warta.newsroom.tests.test_admin_workflow import (  # the admin's own form, as it posts it
    _form_errors,
    editor,  # noqa: F401 - fixtures
    workflow,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def _url(model, name, *args):
    return reverse(f"wagtailsnippets_newsroom_{model}:{name}", args=args)


def _add_section(client, user, name, slug=""):
    client.force_login(user)
    return client.post(
        _url("section", "add"), {"name": name, "slug": slug, "description": "", "position": "0"}
    )


def _add_author(client, user, name, slug=""):
    client.force_login(user)
    return client.post(
        _url("author", "add"), {"name": name, "slug": slug, "role": "", "photo": "", "bio": ""}
    )


def _errors(response):
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    return [" ".join(e.text_content().split()) for e in doc.cssselect(".error-message")]


def test_a_section_left_without_slug_takes_one_from_its_name(client, editor):  # noqa: F811
    response = _add_section(client, editor, "Ekonomi & Bisnis")

    assert response.status_code == 302, _form_errors(response)
    assert Section.objects.get(name="Ekonomi & Bisnis").slug == "ekonomi-bisnis"


def test_a_section_slug_given_by_the_editor_is_kept(client, editor):  # noqa: F811
    response = _add_section(client, editor, "Ekonomi & Bisnis", slug="ekonomi")

    assert response.status_code == 302, _form_errors(response)
    assert Section.objects.get(name="Ekonomi & Bisnis").slug == "ekonomi"


def test_a_section_slug_made_from_the_name_is_one_no_other_section_has(client, editor):  # noqa: F811
    SectionFactory(name="Business", slug="business-news")
    SectionFactory(name="Old business", slug="business-2025")
    SectionFactory(name="Business desk", slug="business")

    response = _add_section(client, editor, "Business!")

    assert response.status_code == 302, _form_errors(response)
    assert Section.objects.get(name="Business!").slug == "business-2"


def test_a_section_named_like_an_address_of_the_site_gets_another_slug(client, editor):  # noqa: F811
    response = _add_section(client, editor, "Search")

    assert response.status_code == 302, _form_errors(response)
    assert Section.objects.get(name="Search").slug == "search-2"


def test_a_section_whose_name_gives_no_slug_is_told_to_give_one(client, editor):  # noqa: F811
    errors = _errors(_add_section(client, editor, "—"))

    assert errors == [NO_SLUG_FROM_NAME]
    assert not Section.objects.exists()


def test_a_section_given_a_slug_in_use_is_told_so(client, editor):  # noqa: F811
    SectionFactory(name="Business", slug="business")

    errors = _errors(_add_section(client, editor, "Business desk", slug="business"))

    assert errors == ["Section with this Slug already exists."]


def test_a_section_edited_with_an_emptied_slug_takes_one_from_its_name_again(client, editor):  # noqa: F811
    section = SectionFactory(name="Business", slug="business")
    client.force_login(editor)

    response = client.post(
        _url("section", "edit", section.pk),
        {"name": "Business", "slug": "", "description": "", "position": "0"},
    )

    assert response.status_code == 302, _form_errors(response)
    section.refresh_from_db()
    assert section.slug == "business"


def test_an_author_left_without_slug_takes_one_from_their_name(client, editor):  # noqa: F811
    response = _add_author(client, editor, "Rina Wulandari")

    assert response.status_code == 302, _form_errors(response)
    assert Author.objects.get(name="Rina Wulandari").slug == "rina-wulandari"


def test_two_authors_of_the_same_name_get_two_slugs(client, editor):  # noqa: F811
    AuthorFactory(name="Budi Santoso", slug="budi-santoso")

    response = _add_author(client, editor, "Budi Santoso")

    assert response.status_code == 302, _form_errors(response)
    assert sorted(Author.objects.values_list("slug", flat=True)) == [
        "budi-santoso",
        "budi-santoso-2",
    ]


def test_authors_with_a_long_name_get_slugs_that_fit(client, editor):  # noqa: F811
    name = "Raden " + "Mas " * 26 + "Wulandari"  # 119 characters; a name takes 120
    for _ in range(2):
        response = _add_author(client, editor, name)
        assert response.status_code == 302, _form_errors(response)

    first, second = Author.objects.filter(name=name).order_by("pk").values_list("slug", flat=True)
    assert first.startswith("raden-mas-mas") and len(first) <= 120
    assert second == f"{first}-2" and len(second) <= 120


@pytest.mark.parametrize("model", ["section", "author"])
def test_the_add_forms_fill_the_slug_from_the_name_as_the_editor_types(client, editor, model):  # noqa: F811
    """Wagtail's own title-to-slug sync (the w-sync and w-slug controllers) on the name and slug
    of the add forms; ASCII slugs, as the slug fields take."""
    client.force_login(editor)

    doc = lxml_html.fromstring(client.get(_url(model, "add")).content.decode())

    name = doc.cssselect("#id_name")[0]
    slug = doc.cssselect("#id_slug")[0]
    assert "w-sync" in name.get("data-controller").split()
    assert name.get("data-w-sync-target-value") == "#id_slug"
    assert "keyup->w-sync#apply" in name.get("data-action")
    assert "w-slug" in slug.get("data-controller").split()
    assert slug.get("data-w-slug-allow-unicode-value") == "false"
    assert slug.get("required") is None


@pytest.mark.parametrize("model", ["section", "author"])
def test_the_edit_forms_leave_a_slug_in_use_alone_as_the_name_changes(client, editor, model):  # noqa: F811
    """A section's or an author's slug is in their public address: renaming does not move it."""
    thing = (
        SectionFactory(name="Business", slug="business")
        if model == "section"
        else (AuthorFactory(name="Rina", slug="rina"))
    )
    client.force_login(editor)

    doc = lxml_html.fromstring(client.get(_url(model, "edit", thing.pk)).content.decode())

    assert "w-sync#apply" not in (doc.cssselect("#id_name")[0].get("data-action") or "")
