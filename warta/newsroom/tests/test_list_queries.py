"""The newsroom's back-office listings cost the same number of queries for 2 rows as for 12.

The article listing's status column asks, for each row, whether a publication is scheduled and
whether a workflow is in progress; its view set fetches both for the whole page.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel, FrontPage, FrontPageStory
from warta.newsroom.roles import newsroom_roles_ensure
from warta.newsroom.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
    jpeg,
)
from warta.testing.query_counts import MANY, assert_list_is_flat, numbered

pytestmark = pytest.mark.django_db


STATUSES = ("draft", "live", "live + draft", "in moderation", "scheduled", "draft")


def _article(i: int, *, editor: User) -> None:
    """An article in one of the states the status column tells apart, every sixth one locked."""
    state = STATUSES[i % len(STATUSES)]
    article = ArticleFactory(
        headline=f"Listed story {i}:",
        section=SectionFactory(),
        access_level=list(AccessLevel)[i % 3],
        live=False,
        first_published_at=None,
        wire_source=WireSourceFactory() if i % 3 == 0 else None,
        hero_image=NewsImageFactory(file=jpeg(320, 200)),
        tags=[TagFactory(), TagFactory()],
        authors=[AuthorFactory(), AuthorFactory()],
    )
    revision = article.save_revision(user=editor)
    if state.startswith("live"):
        revision.publish(user=editor)
    if state == "live + draft":
        article.refresh_from_db()
        article.dek += " Updated."
        article.save_revision(user=editor)
    elif state == "in moderation":
        newsroom_roles_ensure().start(article, editor)
    elif state == "scheduled":
        article.go_live_at = timezone.now() + timedelta(days=1)
        article.save_revision(user=editor).publish(user=editor)
    if i % len(STATUSES) == len(STATUSES) - 1:
        article.locked, article.locked_by, article.locked_at = True, editor, timezone.now()
        article.save(update_fields=["locked", "locked_by", "locked_at"])


def _author(i: int, **_) -> None:
    AuthorFactory(name=f"Listed story {i}:", photo=NewsImageFactory(file=jpeg(160, 160)))


def _front_page(i: int, **_) -> None:
    front = FrontPage.objects.create(name=f"Listed story {i}:")
    FrontPageStory.objects.create(front_page=front, article=ArticleFactory(), sort_order=0)


@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("article", _article),
        ("section", lambda i, **_: SectionFactory(name=f"Listed story {i}:")),
        ("author", _author),
        ("wiresource", lambda i, **_: WireSourceFactory(name=f"Listed story {i}:", slug=f"w{i}")),
        ("tag", lambda i, **_: TagFactory(name=f"Listed story {i}:")),
        ("frontpage", _front_page),
    ],
)
def test_newsroom_listing_queries_do_not_grow_with_rows(client, model, make):
    editor = User.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(editor)
    url = f"/admin/snippets/newsroom/{model}/"

    body = assert_list_is_flat(
        client,
        url,
        numbered(lambda i: make(i, editor=editor)),
        count_items=lambda body: len(set(re.findall(r"Listed story (\d+):", body))),
    )

    if model == "article":  # every state the status column tells apart
        row = r'>Listed story (\d+):<.*?class="w-status[^"]*">\s*([^<]+?)\s*<'
        rows = re.findall(row, body, re.S)
        assert {int(i): status for i, status in rows} == {
            i: STATUSES[i % len(STATUSES)] for i in range(MANY)
        }
