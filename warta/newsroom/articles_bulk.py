"""Many new articles at once: what ``article_create`` and publishing each would write, in a few
queries a batch instead of a dozen an article (the wire desk takes in thousands of items a day).

The rows are the same as the one-by-one path writes (``tests/test_articles_bulk.py`` compares
them field by field): each article, its tags, its first revision, and when published, its live
revision, publication times and the "wagtail.publish" log entry; the whole-text entry
(``ArticleText``); the search and reference index entries; Wagtail's ``published`` signal; one
content change for the batch. Articles are checked as ``article_create`` checks them, before
anything is written; the batch is one transaction, so a caller that catches an error can fall
back to one article at a time and learn which one it was.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import get_active_log_context
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed
from wagtail.signals import published

from warta.accounts.models import User

from .article_events import article_events_arrived
from .content_changes import content_changed
from .content_keys import SEARCH, articles_fanout
from .models import Article, ArticleSlugHistory, ArticleText, WireSource
from .search_text import texts_remembered
from .services import ArticleChanges


def article_slugs_available(headlines: Sequence[str]) -> list[str]:
    """A slug for each headline that no article, old URL or other headline of the list uses
    (``article_slug_available`` for many, in two queries when none is taken yet)."""
    bases = [slugify(headline)[:120].strip("-") or "article" for headline in headlines]
    taken = _slugs_taken(Q(slug__in=set(bases)))
    # A base that is taken, or that more than one headline makes: every slug made from it
    # ("base-2", "base-3"...), read at once (a prefix, which PostgreSQL's pattern index reads
    # whatever the database's collation).
    counts = Counter(bases)
    repeated = sorted({base for base in bases if base in taken or counts[base] > 1})
    for start in range(0, len(repeated), 100):
        made_from = Q()
        for base in repeated[start : start + 100]:
            made_from |= Q(slug__startswith=f"{base}-")
        taken |= _slugs_taken(made_from)
    slugs: list[str] = []
    used: set[str] = set()
    for base in bases:
        candidate, n = base, 1
        while candidate in used or candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        slugs.append(candidate)
    return slugs


def _slugs_taken(matching: Q) -> set[str]:
    """The slugs of articles and old URLs that match."""
    taken = set(Article.objects.filter(matching).values_list("slug", flat=True))
    return taken | set(ArticleSlugHistory.objects.filter(matching).values_list("slug", flat=True))


@transaction.atomic
def articles_create_many(
    *,
    articles: Sequence[ArticleChanges],
    wire_source: WireSource | None = None,
    publish: bool,
    user: User | None = None,
    search_index_later: bool = False,
) -> list[Article]:
    """Create ``articles`` with their first revisions, published now when ``publish`` (else
    drafts waiting for an editor), in the order given. Raises ``ValidationError`` for the first
    article that ``article_create`` would refuse, before writing anything.

    ``search_index_later`` leaves the search index entries to the background worker (a job
    committed with the articles, ``tasks.articles_search_index``): a backlog of agency copy is
    on the site sooner, and in search a moment later (decision 0016)."""
    if not articles:
        return []
    created = _articles_checked(articles, wire_source)
    Article.objects.bulk_create(created)
    tags = Article.tags.through
    tags.objects.bulk_create(
        tags(article_id=article.pk, tag_id=tag.pk)
        for article, changes in zip(created, articles, strict=True)
        for tag in changes.tags
    )
    now = timezone.now()
    revisions = _first_revisions(created, user, now)
    # The rows as publishing (or saving a draft revision) leaves them: two updates a batch.
    state = (
        {"live": True, "has_unpublished_changes": False, "expired": False,
         "first_published_at": now, "last_published_at": now}
        if publish
        else {"has_unpublished_changes": True}
    )  # fmt: skip
    newest = Revision.objects.filter(
        base_content_type=revisions[0].base_content_type_id,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at", "-id")
    revision = Subquery(newest.values("pk")[:1])
    revisions_set = {
        "latest_revision": revision,
        **({"live_revision": revision} if publish else {}),
    }
    Article.objects.filter(pk__in=[article.pk for article in created]).update(
        **state, **revisions_set
    )
    for article, revision in zip(created, revisions, strict=True):
        for name, value in state.items():
            setattr(article, name, value)
        article.latest_revision = revision
        if publish:
            article.live_revision = revision
    texts = ArticleText.objects.bulk_create(ArticleText(article=article) for article in created)
    if search_index_later:
        from .tasks import articles_search_index

        articles_search_index.enqueue([article.pk for article in created])
    else:
        _search_indexed(created, texts)
    _references_indexed(created)
    if publish:
        _publications_logged(created, revisions, user, now)
        for article, revision in zip(created, revisions, strict=True):
            published.send(sender=Article, instance=article, revision=revision)
        article_events_arrived(article_ids=[a.pk for a in created])  # for the app's sync
        # New stories: on no page yet but the lists of their sections, tags and authors.
        content_changed(articles_fanout([a.pk for a in created], own_pages=False))
    return created


_FOREIGN_KEYS = [field.name for field in Article._meta.concrete_fields if field.many_to_one]


def _articles_checked(
    articles: Sequence[ArticleChanges], wire_source: WireSource | None
) -> list[Article]:
    created = []
    slugs = article_slugs_available([changes.headline for changes in articles])
    for changes, slug in zip(articles, slugs, strict=True):
        article = Article(
            headline=changes.headline,
            slug=slug,
            dek=changes.dek,
            section=changes.section,
            body=changes.body,
            access_level=changes.access_level,
            wire_source=wire_source,
            dateline=changes.dateline,
            agency_byline=changes.agency_byline,
            text_language=changes.text_language,
            hero_image=changes.hero_image,
            hero_alt=changes.hero_alt,
            hero_caption=changes.hero_caption,
            live=False,
        )
        article.tags.set(list(changes.tags))
        article.authors.set([])  # known to be none: no query when serialised
        article.related_articles.set([])
        # The slug is free (above, and the database's unique index holds against a race); the
        # foreign keys are rows the caller read (and the database's constraints hold them).
        article.full_clean(exclude=_FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
        created.append(article)
    return created


def _first_revisions(created: list[Article], user: User | None, now: datetime) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Article)
    base_type = Article().get_base_content_type()
    return Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(article.pk),
            user=user,
            approved_go_live_at=None,
            content=article.serializable_data(),
            object_str=str(article),
            created_at=now,
        )
        for article in created
    )


@transaction.atomic
def articles_search_indexed(article_ids: Sequence[int]) -> None:
    """Write the search index entries of these articles and of their whole texts, as they are
    now (an article deleted meanwhile has none). The articles are locked meanwhile (SQLite's
    write lock does the same): a save in between would have its own entries overwritten by
    the older text read here."""
    ids = list(Article.objects.select_for_update().filter(pk__in=article_ids).values_list(
        "pk", flat=True))  # fmt: skip
    articles = list(Article.objects.filter(pk__in=ids).prefetch_related("tags"))
    by_id = {article.pk: article for article in articles}
    texts = list(ArticleText.objects.filter(article__in=ids))
    for text in texts:
        text.article = by_id[text.article_id]  # the same object: its text is extracted once
    _search_indexed(articles, texts)
    # The search pages cached since the batch was published did not find these yet.
    content_changed([SEARCH])


def _search_indexed(created: list[Article], texts: list[ArticleText]) -> None:
    """The search index entries of the articles and of their whole texts, a batch at a time."""
    with texts_remembered():  # the articles (and the whole texts' articles) are these
        for model, objects in ((Article, created), (ArticleText, texts)):
            if not class_is_indexed(model):
                continue
            pks = [obj.pk for obj in objects]
            kept = set(model.get_indexed_objects().filter(pk__in=pks).values_list("pk", flat=True))
            indexed = [obj.get_indexed_instance() for obj in objects if obj.pk in kept]
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, [obj for obj in indexed if obj is not None])


def _references_indexed(created: list[Article]) -> None:
    """What ``ReferenceIndex.create_or_update_for_object`` writes for a new object (it has no
    rows yet, so there is nothing to compare or delete), for the batch in one insert."""
    if not ReferenceIndex.is_indexed(Article):
        return
    content_type = ContentType.objects.get_for_model(Article, for_concrete_model=False)
    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=content_type,
            base_content_type=content_type,
            object_id=article.pk,
            to_content_type_id=to_type,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for article in created
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(article)
        )
    )


def _publications_logged(
    created: list[Article], revisions: list[Revision], user: User | None, now: datetime
) -> None:
    content_type = ContentType.objects.get_for_model(Article, for_concrete_model=False)
    context = get_active_log_context()
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            label=ModelLogEntry.objects.get_instance_title(article),
            action="wagtail.publish",
            timestamp=now,
            data={},
            user=user or context.user,
            uuid=context.uuid,
            revision=revision,
            content_changed=True,
            object_id=str(article.pk),
        )
        for article, revision in zip(created, revisions, strict=True)
    )
