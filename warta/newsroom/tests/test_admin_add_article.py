"""An article exists from its first deliberate save: opening "Add article" and leaving it leaves
nothing behind, and no abandoned form takes a slug from the story written next.

Wagtail 8 autosaves editor forms; on an add form the first autosave creates the object, so a
reporter who typed a headline and left had made a draft that held the headline's slug (the story
was then published at ``...-2.html``). warta autosaves an article only once it exists.
"""

import pytest
from django.contrib.auth.models import Group
from lxml import html as lxml_html

from warta.newsroom.models import Article
from warta.newsroom.roles import REPORTERS, newsroom_roles_ensure
from warta.newsroom.tests.factories import SectionFactory
from warta.newsroom.tests.test_admin_workflow import HEADLINE, _form, _form_errors, _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(django_user_model):
    newsroom_roles_ensure()
    user = django_user_model.objects.create_user(
        username="rina", email="rina@news.example", password="x"
    )
    user.groups.add(Group.objects.get(name=REPORTERS))
    return user


@pytest.fixture
def section():
    return SectionFactory(name="Business", slug="business")


def test_given_add_article_form_when_opened_then_it_does_not_autosave(client, reporter):
    client.force_login(reporter)

    response = client.get(_url("add"))

    assert response.status_code == 200
    form = lxml_html.fromstring(response.content.decode()).cssselect("form[data-controller]")[0]
    assert "w-autosave" not in form.get("data-controller").split()
    assert form.get("data-w-autosave-interval-value") is None


def test_given_add_article_form_when_autosave_posts_then_no_article_is_made(
    client, reporter, section
):
    client.force_login(reporter)

    # What Wagtail's autosave sends: the form as typed so far, asking for JSON.
    response = client.post(_url("add"), _form(section), HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["error_message"]
    assert not Article.objects.exists()


def test_given_abandoned_add_form_when_the_story_is_saved_then_it_keeps_its_headlines_slug(
    client, reporter, section
):
    client.force_login(reporter)
    client.post(_url("add"), _form(section), HTTP_ACCEPT="application/json")  # then left

    response = client.post(_url("add"), _form(section))  # "Save draft"

    assert response.status_code == 302, _form_errors(response)
    assert list(Article.objects.values_list("slug", flat=True)) == [
        "harbour-authority-opens-new-container-terminal"
    ]
    assert Article.objects.get().headline == HEADLINE
