"""The newsroom's review workflow driven through the Wagtail admin, as reporters and editors use it.

Reporters write and submit articles; editors approve, publish, edit, compare and revert them.
Every step goes through the real admin views (snippet add/edit, workflow action, revisions,
preview) and is checked on the public site.
"""

from copy import deepcopy

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import ModelLogEntry, Revision, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from warta.newsroom.blocks import PARAGRAPH_FEATURES
from warta.newsroom.models import Article, ArticleSlugHistory
from warta.newsroom.roles import EDITORS, REPORTERS, WORKFLOW_NAME, newsroom_roles_ensure
from warta.newsroom.tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Harbour authority opens new container terminal"
FIRST_PARAGRAPH = "The terminal doubles the port's capacity."
SECOND_PARAGRAPH = "Ships of the largest class can now dock."


# --- Set-up -------------------------------------------------------------------------------------


@pytest.fixture
def workflow():
    return newsroom_roles_ensure()


@pytest.fixture
def section():
    return SectionFactory(name="Business", slug="business")


def _member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@news.example", password="not-used"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def reporter(workflow, django_user_model):
    return _member(django_user_model, "rina", REPORTERS)


@pytest.fixture
def editor(workflow, django_user_model):
    return _member(django_user_model, "eko", EDITORS)


def _url(name, *args):
    return reverse(f"wagtailsnippets_newsroom_article:{name}", args=args)


def _form(
    section,
    *,
    headline=HEADLINE,
    slug="",
    paragraphs=(FIRST_PARAGRAPH, SECOND_PARAGRAPH),
    block_ids=(),
):
    """The article form as the admin posts it (``block_ids`` keep existing body blocks)."""
    body = streamfield(
        [
            ("paragraph", rich_text(f"<p>{text}</p>", features=PARAGRAPH_FEATURES))
            for text in paragraphs
        ]
    )
    for index, block_id in enumerate(block_ids):
        body[str(index)]["id"] = block_id
    return nested_form_data(
        {
            "headline": headline,
            "slug": slug,
            "dek": "The port can now take the largest ships.",
            "section": section.pk,
            "access_level": "free",
            "wire_source": "",
            "dateline": "Jakarta",
            "hero_image": "",
            "hero_alt": "",
            "hero_caption": "",
            "body": body,
            "go_live_at": "",
            "expire_at": "",
        }
    )


def _form_errors(response):
    context = getattr(response, "context", None)
    if context is None or "form" not in context:
        return f"status {response.status_code}"
    form = context["form"]
    return f"status {response.status_code}: {form.errors.as_json()} {form.non_field_errors()}"


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _doc(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def _comparison(doc, field_label):
    """The (before, after) text of one field on the revisions compare view."""
    for row in doc.cssselect("table.listing tbody tr"):
        title = row.cssselect("td.title")
        if title and title[0].text_content().strip() == f"{field_label}:":
            cell = row.cssselect("td.comparison")[0]
            sides = []
            for dropped in ("addition", "deletion"):
                side = deepcopy(cell)
                for change in side.cssselect(f".{dropped}"):
                    change.drop_tree()
                sides.append(" ".join(side.text_content().split()))
            return tuple(sides)
    return None


def _submitted_by(client, user, section, **form):
    """``user`` creates an article in the admin and submits it for review."""
    client.force_login(user)
    response = client.post(_url("add"), {**_form(section, **form), "action-submit": "Submit"})
    assert response.status_code == 302, _form_errors(response)
    return Article.objects.get(headline=form.get("headline", HEADLINE))


def _approve(client, editor, article):
    client.force_login(editor)
    task_state = article.current_workflow_task_state
    response = client.post(
        _url("workflow_action", article.pk, "approve", task_state.pk), {"comment": "Good to go."}
    )
    article.refresh_from_db()
    return response


def _published_through_review(client, reporter, editor, section, **form):
    article = _submitted_by(client, reporter, section, **form)
    response = _approve(client, editor, article)
    assert response.status_code == 302
    assert article.live
    return article


def _publish_edit(client, editor, article, **form):
    """``editor`` changes the article in the admin and publishes the change."""
    client.force_login(editor)
    form.setdefault("slug", article.slug)
    form.setdefault("block_ids", [block.id for block in article.body])
    data = {**_form(article.section, **form), "action-publish": "Publish"}
    response = client.post(_url("edit", article.pk), data)
    assert response.status_code == 302, _form_errors(response)
    article.refresh_from_db()
    return response


# --- Reporters submit, they do not publish ------------------------------------------------------


def test_given_reporter_when_submitting_new_article_then_it_awaits_review_unpublished(
    client, reporter, section, workflow
):
    client.force_login(reporter)

    response = client.post(_url("add"), {**_form(section), "action-submit": "Submit"})

    assert response.status_code == 302, _form_errors(response)
    article = Article.objects.get(headline=HEADLINE)
    assert article.slug == "harbour-authority-opens-new-container-terminal"
    assert article.live is False
    assert article.first_published_at is None
    assert article.latest_revision.user == reporter
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == workflow
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == reporter
    assert state.current_task_state.revision == article.latest_revision
    assert article.current_workflow_task.name == "Editor approval"
    assert any("submitted for moderation" in m for m in _messages(response))
    # Not on the public site: no URL, not on the section front, not under its would-be address.
    assert article.get_absolute_url() == ""
    client.logout()
    front = client.get(section.get_absolute_url())
    assert front.status_code == 200
    assert HEADLINE not in front.content.decode()
    today = timezone.localdate()
    would_be = reverse(
        "web:article",
        kwargs={
            "section": section.slug,
            "year": f"{today:%Y}",
            "month": f"{today:%m}",
            "day": f"{today:%d}",
            "slug": article.slug,
        },
    )
    assert client.get(would_be).status_code == 404


def test_given_reporter_draft_when_posting_publish_then_it_stays_unpublished(
    client, reporter, section
):
    client.force_login(reporter)
    created = client.post(_url("add"), _form(section))  # "Save draft": no action button
    assert created.status_code == 302, _form_errors(created)
    article = Article.objects.get(headline=HEADLINE)
    assert article.live is False

    response = client.post(
        _url("edit", article.pk),
        {**_form(section, headline="Reporter tries to publish"), "action-publish": "Publish"},
    )

    # The publish button is ignored for a reporter: the change is kept as a draft only.
    assert response.status_code == 302, _form_errors(response)
    assert response.url == _url("edit", article.pk)
    messages = _messages(response)
    assert messages, "the edit view should say what it did"
    assert not any("published" in m for m in messages), messages
    article.refresh_from_db()
    assert article.live is False
    assert article.first_published_at is None
    assert article.live_revision is None
    assert article.latest_revision.content["headline"] == "Reporter tries to publish"
    assert not reporter.has_perm("newsroom.publish_article")
    assert reporter.has_perm("newsroom.change_article")
    assert article.get_absolute_url() == ""


# --- Editors approve, edit, compare and revert --------------------------------------------------


def test_given_submitted_article_when_editor_approves_then_it_is_live_on_the_site(
    client, reporter, editor, section
):
    article = _submitted_by(client, reporter, section)
    assert editor.has_perm("newsroom.publish_article")

    response = _approve(client, editor, article)

    assert response.status_code == 302
    assert response.url == _url("edit", article.pk)
    assert article.live is True
    assert article.first_published_at is not None
    assert article.has_unpublished_changes is False
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.current_task_state.comment == "Good to go."
    assert state.current_task_state.finished_by == editor

    client.logout()
    url = article.get_absolute_url()
    published = article.local_published_at()
    assert url == (
        f"/business/{published:%Y}/{published:%m}/{published:%d}/"
        "harbour-authority-opens-new-container-terminal.html"
    )
    doc = _doc(client.get(url))
    assert [h.text_content() for h in doc.cssselect("h1")] == [HEADLINE]
    assert FIRST_PARAGRAPH in doc.text_content()
    front = client.get(section.get_absolute_url())
    assert HEADLINE in front.content.decode()


def test_given_reporter_without_editor_group_when_approving_then_it_is_refused(
    client, reporter, section
):
    article = _submitted_by(client, reporter, section)

    response = _approve(client, reporter, article)

    # Wagtail answers a permission denial in the admin with a redirect to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert any("permission" in m for m in _messages(response)), _messages(response)
    assert article.live is False
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_given_published_article_when_editor_edits_then_revisions_compare_and_revert_restore_it(
    client, reporter, editor, section
):
    article = _published_through_review(client, reporter, editor, section)
    first_revision = article.live_revision
    edited = "Harbour authority delays container terminal opening"

    _publish_edit(client, editor, article, headline=edited)

    assert article.headline == edited
    revisions = list(article.revisions.order_by("created_at", "pk"))
    assert len(revisions) >= 2
    assert revisions[0] == first_revision
    edit_revision = article.live_revision
    assert edit_revision != first_revision
    assert edit_revision.content["headline"] == edited
    client.logout()
    assert _doc(client.get(article.get_absolute_url())).cssselect("h1")[0].text_content() == edited

    # Compare: both headlines side by side.
    client.force_login(editor)
    compare = client.get(_url("revisions_compare", article.pk, first_revision.pk, edit_revision.pk))
    compared = _doc(compare)
    assert _comparison(compared, "Headline") == (HEADLINE, edited)
    body = _comparison(compared, "Body")  # listed when the block markup changed, not the text
    assert body is None or body[0] == body[1]

    # Revert: the revert view shows the first revision's content, and publishing it restores it.
    revert_url = _url("revisions_revert", article.pk, first_revision.pk)
    revert_page = _doc(client.get(revert_url))
    assert revert_page.cssselect("input[name=headline]")[0].get("value") == HEADLINE
    response = client.post(
        revert_url,
        {
            **_form(
                section,
                headline=HEADLINE,
                slug=first_revision.content["slug"],
                block_ids=[block.id for block in first_revision.as_object().body],
            ),
            "revision": first_revision.pk,
            "action-publish": "Publish this version",
        },
    )
    assert response.status_code == 302, _form_errors(response)
    article.refresh_from_db()
    assert article.headline == HEADLINE
    assert article.live is True

    client.logout()
    doc = _doc(client.get(article.get_absolute_url()))
    assert doc.cssselect("h1")[0].text_content() == HEADLINE

    # No edit is lost: the reverted-from edit and the original are still revisions of the article.
    contents = [r.content["headline"] for r in article.revisions.order_by("created_at", "pk")]
    assert contents == [HEADLINE, edited, HEADLINE]
    assert Revision.objects.filter(pk=edit_revision.pk).exists()
    assert article.live_revision not in (first_revision, edit_revision)
    assert ModelLogEntry.objects.filter(
        object_id=str(article.pk), action="wagtail.revert", revision=article.live_revision
    ).exists()


def test_given_published_article_when_slug_changes_then_old_url_redirects_permanently(
    client, reporter, editor, section
):
    article = _published_through_review(client, reporter, editor, section)
    old_url = article.get_absolute_url()
    old_slug = article.slug

    _publish_edit(client, editor, article, slug="new-container-terminal-opens")

    assert article.slug == "new-container-terminal-opens"
    new_url = article.get_absolute_url()
    assert new_url != old_url
    assert new_url.endswith("/new-container-terminal-opens.html")
    assert ArticleSlugHistory.objects.filter(slug=old_slug, article=article).exists()
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert _doc(client.get(new_url)).cssselect("h1")[0].text_content() == HEADLINE


# --- Preview ------------------------------------------------------------------------------------


def test_given_reporter_writing_article_when_previewing_then_article_template_renders_it(
    client, reporter, section
):
    client.force_login(reporter)
    preview_url = _url("preview_on_add")

    posted = client.post(preview_url, _form(section))

    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "web/article.html" in [t.name for t in response.templates]
    doc = _doc(response)
    assert [h.text_content() for h in doc.cssselect("h1")] == [HEADLINE]
    text = doc.text_content()
    assert FIRST_PARAGRAPH in text
    assert SECOND_PARAGRAPH in text
    # A preview saves nothing.
    assert not Article.objects.exists()


def test_given_published_article_when_previewing_an_edit_then_preview_shows_the_edit_only(
    client, reporter, editor, section
):
    article = _published_through_review(client, reporter, editor, section)
    client.force_login(editor)
    preview_url = _url("preview_on_edit", article.pk)

    posted = client.post(
        preview_url, _form(section, headline="Preview headline", paragraphs=("Preview body.",))
    )

    assert posted.json() == {"is_valid": True, "is_available": True}
    doc = _doc(client.get(preview_url))
    assert [h.text_content() for h in doc.cssselect("h1")] == ["Preview headline"]
    assert "Preview body." in doc.text_content()
    article.refresh_from_db()
    assert article.headline == HEADLINE
    client.logout()
    public = _doc(client.get(article.get_absolute_url()))
    assert public.cssselect("h1")[0].text_content() == HEADLINE
