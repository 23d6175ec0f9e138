"""Everything that writes newsroom data. Views, commands and the admin call these."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from warta.accounts.models import User

from .models import (
    AccessLevel,
    Article,
    ArticleEvent,
    ArticleSlugHistory,
    ArticleText,
    Author,
    NewsImage,
    Section,
    Tag,
    WireSource,
)


def article_slug_history_record(*, article_id: int, old_slug: str) -> None:
    """Remember ``old_slug`` for an article whose live slug just changed."""
    article = Article.objects.only("slug").get(pk=article_id)
    if article.slug == old_slug:
        return
    with transaction.atomic():
        # The new slug is the article's own again: it is no longer history.
        ArticleSlugHistory.objects.filter(slug=article.slug).delete()
        ArticleSlugHistory.objects.update_or_create(
            slug=old_slug, defaults={"article_id": article_id}
        )


def article_text_index(*, article_id: int) -> None:
    """Index the whole body of an article again, in its own entry (models.ArticleText).

    Saving the row, made if missing, is what reindexes it: Wagtail indexes every saved indexed
    model, from the database, so an editor's unsaved draft is never what it reads.
    """
    ArticleText(article_id=article_id).save()


@transaction.atomic
def article_create(
    *,
    headline: str,
    slug: str,
    dek: str,
    section: Section,
    body: list[tuple[str, object]],
    access_level: str = AccessLevel.FREE,
    authors: Sequence[Author] = (),
    wire_source: WireSource | None = None,
    dateline: str = "",
    agency_byline: str = "",
    text_language: str = "",
    hero_image: NewsImage | None = None,
    hero_alt: str = "",
    hero_caption: str = "",
    tags: Sequence[Tag] = (),
    related: Sequence[Article] = (),
    user: User | None = None,
    publish: bool = False,
    published_at: datetime | None = None,
    go_live_at: datetime | None = None,
    schedule: bool = True,
) -> Article:
    """Create an article as a draft with its first revision, and publish it if asked.

    ``published_at`` back-dates the first publication (demo content, wire copy that was already
    out); ``go_live_at`` schedules it instead, or with ``schedule=False`` stays on the draft, so
    that whoever publishes it schedules it (an embargoed wire story waiting for an editor).
    """
    article = Article(
        headline=headline,
        slug=slug,
        dek=dek,
        section=section,
        body=body,
        access_level=access_level,
        wire_source=wire_source,
        dateline=dateline,
        agency_byline=agency_byline,
        text_language=text_language,
        hero_image=hero_image,
        hero_alt=hero_alt,
        hero_caption=hero_caption,
        go_live_at=go_live_at,
        live=False,
    )
    article.authors.set(list(authors))
    article.tags.set(list(tags))
    article.related_articles.set(list(related))
    article.full_clean()
    article.save()
    revision = article.save_revision(user=user)
    if publish or (go_live_at and schedule):
        revision.publish(user=user)
        article.refresh_from_db()
    if published_at is not None and article.live:
        Article.objects.filter(pk=article.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        article.refresh_from_db()
    return article


def article_publish(*, article: Article, user: User | None = None) -> Article:
    """Publish the article's latest revision (or the current state if it has none)."""
    revision = article.latest_revision or article.save_revision(user=user)
    revision.publish(user=user)
    article.refresh_from_db()
    return article


def article_unpublish(*, article: Article, user: User | None = None) -> Article:
    article.unpublish(user=user)
    article.refresh_from_db()
    return article


@dataclass(frozen=True)
class ArticleChanges:
    """New content for an article, as a later version of its source brings it (the wire)."""

    headline: str
    dek: str
    body: list[tuple[str, object]]
    section: Section
    access_level: str
    dateline: str = ""
    agency_byline: str = ""
    text_language: str = ""
    tags: Sequence[Tag] = ()
    hero_image: NewsImage | None = None
    hero_alt: str = ""
    hero_caption: str = ""


@transaction.atomic
def article_revise(
    *,
    article: Article,
    changes: ArticleChanges,
    publish: bool,
    go_live_at: datetime | None = None,
    user: User | None = None,
) -> Article:
    """Save ``changes`` as a new revision of ``article``, published (or scheduled for
    ``go_live_at``) when ``publish``, else waiting for an editor's review.

    The live row is only written by publishing: an unpublished revision leaves what readers see
    as it was, as Wagtail's editor does. The slug stays (its URL is out there).
    """
    article = Article.objects.get(pk=article.pk)
    article.headline = changes.headline
    article.dek = changes.dek
    article.body = changes.body
    article.section = changes.section
    article.access_level = changes.access_level
    article.dateline = changes.dateline
    article.agency_byline = changes.agency_byline
    article.text_language = changes.text_language
    article.hero_image = changes.hero_image
    article.hero_alt = changes.hero_alt
    article.hero_caption = changes.hero_caption
    article.go_live_at = go_live_at
    article.tags.set(list(changes.tags))
    return _revision_save(article, saved=article, publish=publish, user=user)


def _revision_save(edited: Article, *, saved: Article, publish: bool, user: User | None) -> Article:
    """Check ``edited`` and save it as a revision, published when ``publish``; ``saved`` (the
    row) read again after."""
    edited.full_clean()
    revision = edited.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    saved.refresh_from_db()
    return saved


@transaction.atomic
def article_hero_set(
    *,
    article: Article,
    hero_image: NewsImage | None,
    hero_alt: str,
    hero_caption: str,
    publish: bool,
    user: User | None = None,
) -> Article:
    """A new revision of the article's newest state with this hero picture (a wire picture
    that arrived after its story), published when ``publish``."""
    article = Article.objects.get(pk=article.pk)
    newest = article.latest_revision.as_object() if article.latest_revision else article
    newest.hero_image = hero_image
    newest.hero_alt = hero_alt
    newest.hero_caption = hero_caption
    return _revision_save(newest, saved=article, publish=publish, user=user)


@transaction.atomic
def article_take_down(
    *, article: Article, because: str = ArticleEvent.Reason.UNPUBLISHED, user: User | None = None
) -> Article:
    """Take an article off every output at once: unpublished if live, and any publication
    scheduled for it (an embargo) cancelled, so the worker never brings it out. ``because`` is
    what the app's sync tells (an ``ArticleEvent.Reason``: a wire kill or withhold)."""
    article = Article.objects.get(pk=article.pk)
    if article.live:
        article.unpublish(user=user, left_because=because)
    article.revisions.update(approved_go_live_at=None)
    Article.objects.filter(pk=article.pk).update(go_live_at=None)
    article.refresh_from_db()
    return article
