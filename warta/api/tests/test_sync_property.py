"""The delta sync against random newsrooms (issue 14): publications, updates, kills,
withholds, unpublications, expiries, deletes, embargoes released, scheduled stories going live,
access changes and batches of agency copy, with three apps syncing at their own pace. Whatever
happened, every app ends with the live set the database holds."""

from datetime import timedelta
from unittest.mock import patch

from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from warta.newsroom.articles_bulk import articles_create_many
from warta.newsroom.models import AccessLevel, Article, ArticleEvent
from warta.newsroom.schedule import scheduled_publishing_run
from warta.newsroom.services import (
    ArticleChanges,
    article_create,
    article_publish,
    article_revise,
    article_take_down,
    article_unpublish,
)
from warta.newsroom.tests.factories import SectionFactory, paragraphs

from .sync_app import SYNC_URLS, App, live_set

LEVELS = [AccessLevel.FREE, AccessLevel.REGISTERED, AccessLevel.PREMIUM]
OPERATIONS = [
    "publish",
    "schedule",
    "embargo",
    "release",
    "update",
    "access",
    "unpublish",
    "republish",
    "kill",
    "withhold",
    "expire",
    "delete",
    "wire_batch",
]

steps = st.lists(
    st.tuples(
        st.sampled_from(OPERATIONS),
        st.integers(min_value=0, max_value=50),  # which article
        st.sampled_from(LEVELS),
        st.booleans(),  # does the app of random pace sync after this step
    ),
    min_size=1,
    max_size=18,
)


class Newsroom:
    """The newsroom's own write paths, driven by the steps; time moves forward as it goes."""

    def __init__(self) -> None:
        self.section = SectionFactory(slug="world", name="World")
        self.now = timezone.now()
        self.made = 0

    def _changes(self, article: Article, *, headline: str, level: str) -> ArticleChanges:
        return ArticleChanges(
            headline=headline,
            dek=article.dek,
            body=paragraphs("A new version."),
            section=self.section,
            access_level=level,
        )

    def _create(self, level: str, **kwargs) -> Article:
        self.made += 1
        return article_create(
            headline=f"Story {self.made}",
            slug=f"story-{self.made}",
            dek="What happened.",
            section=self.section,
            body=paragraphs("It happened."),
            access_level=level,
            **kwargs,
        )

    def _pick(self, n: int, **filters) -> Article | None:
        found = list(Article.objects.filter(**filters).order_by("pk"))
        return found[n % len(found)] if found else None

    def apply(self, operation: str, n: int, level: str) -> None:
        self.now += timedelta(minutes=1)
        with patch("django.utils.timezone.now", return_value=self.now):
            self._apply(operation, n, level)

    def _apply(self, operation: str, n: int, level: str) -> None:
        if operation == "publish":
            self._create(level, publish=True)
        elif operation == "schedule":  # a story scheduled by an editor, for later
            self._create(level, go_live_at=self.now + timedelta(minutes=2))
        elif operation == "embargo":  # agency copy under embargo, scheduled at its end
            self._create(level, go_live_at=self.now + timedelta(minutes=5))
        elif operation == "release":  # the worker's minute: what is due goes out or expires
            scheduled_publishing_run(now=self.now)
        elif operation == "wire_batch":
            changes = [
                ArticleChanges(
                    headline=f"Wire {self.made}-{i}",
                    dek="From the agency.",
                    body=paragraphs("Agency copy."),
                    section=self.section,
                    access_level=level,
                )
                for i in range(1 + n % 3)
            ]
            self.made += 1
            articles_create_many(articles=changes, publish=True)
        elif operation in ("update", "access"):
            article = self._pick(n, live=True)
            if article is not None:
                headline = f"{article.headline} (updated)" if operation == "update" else None
                changes = self._changes(
                    article,
                    headline=headline or article.headline,
                    level=level if operation == "access" else article.access_level,
                )
                article_revise(article=article, changes=changes, publish=True)
        elif operation == "unpublish":
            article = self._pick(n, live=True)
            if article is not None:
                article_unpublish(article=article)
        elif operation == "republish":
            article = self._pick(n, live=False)
            if article is not None:
                article_publish(article=article)
        elif operation in ("kill", "withhold"):
            article = self._pick(n)
            if article is not None:
                reason = ArticleEvent.Reason.KILLED if operation == "kill" else None
                article_take_down(article=article, because=reason or ArticleEvent.Reason.WITHHELD)
        elif operation == "expire":
            article = self._pick(n, live=True)
            if article is not None:
                Article.objects.filter(pk=article.pk).update(expire_at=self.now)
        elif operation == "delete":
            article = self._pick(n)
            if article is not None:
                if n % 2:
                    article.delete()
                else:
                    Article.objects.filter(pk=article.pk).delete()  # the bulk action's way


@override_settings(ROOT_URLCONF=SYNC_URLS)
class SyncPropertyTest(TestCase):
    @settings(
        max_examples=30,
        database=None,  # no example store in the checkout: each run draws afresh
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(steps=steps, limit=st.integers(min_value=1, max_value=4))
    def test_apps_of_every_pace_end_with_the_live_set(self, steps, limit):
        newsroom = Newsroom()
        every_step, at_the_end, now_and_then = App(limit=limit), App(limit=limit), App(limit=2)
        newcomer = App(limit=limit)  # a snapshot at the end, nothing before
        newsroom.apply("publish", 0, AccessLevel.FREE)  # the apps' snapshots hold something
        for app in (every_step, at_the_end):
            app.sync(self.client)  # a snapshot; after it, only changes
        for operation, n, level, sync_now in steps:
            newsroom.apply(operation, n, level)
            every_step.sync(self.client)
            if sync_now:
                now_and_then.sync(self.client)

        for app in (every_step, at_the_end, now_and_then, newcomer):
            app.sync(self.client)
        expected = live_set()
        assert every_step.held == expected
        assert at_the_end.held == expected
        assert now_and_then.held == expected
        assert newcomer.held == expected
