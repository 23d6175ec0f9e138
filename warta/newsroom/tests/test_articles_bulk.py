"""Many articles at once write what ``article_create`` writes one by one, row for row."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.search.models import IndexEntry
from wagtail.signals import published

from warta.newsroom.articles_bulk import (
    article_slugs_available,
    articles_create_many,
    articles_search_indexed,
)
from warta.newsroom.models import AccessLevel, Article, ArticleSlugHistory, ArticleText
from warta.newsroom.selectors import article_search
from warta.newsroom.services import ArticleChanges, article_create
from warta.newsroom.tests.factories import (
    NewsImageFactory,
    SectionFactory,
    TagFactory,
    WireSourceFactory,
    paragraphs,
)
from warta.worker.deferred_tasks import tasks_deferred

pytestmark = pytest.mark.django_db

# Wagtail's own timestamps and ids differ between two runs; everything else must not.
_VOLATILE = {"id", "pk", "created_at", "first_published_at", "last_published_at", "timestamp"}


class _Undone(Exception):
    pass


def _changes(section, other_section, tags, image) -> list[ArticleChanges]:
    return [
        ArticleChanges(
            headline="Ferry service resumes after the storm",
            dek="Boats leave the harbour again.",
            body=paragraphs("The first boat left at dawn.", "Tickets sold out by noon."),
            section=section,
            access_level=AccessLevel.FREE,
            dateline="MERAK",
            agency_byline="Banten bureau",
            tags=tags[:2],
        ),
        ArticleChanges(
            headline="Rupiah steadies as exporters sell dollars",
            dek="The currency gained for a third day.",
            body=[
                ("paragraph", RichText("<p>Traders said <b>demand</b> was thin.</p>")),
                ("subheading", "What comes next"),
                ("quote", {"text": "We expect calm.", "attribution": ""}),
                ("paragraph", RichText("<p>The central bank meets on Thursday.</p>")),
            ],
            section=other_section,
            access_level=AccessLevel.PREMIUM,
            text_language="id",
            tags=tags[1:],
            hero_image=image,
            hero_alt="Traders at their screens",
            hero_caption="A dealing room in Jakarta.",
        ),
        # The same headline twice in one batch: each its own slug, as one by one.
        ArticleChanges(
            headline="Ferry service resumes after the storm",
            dek="A second agency story under the same headline.",
            body=paragraphs("Passengers queued for hours."),
            section=section,
            access_level=AccessLevel.REGISTERED,
        ),
    ]


def _without_block_ids(blocks) -> list:
    """A body's blocks without their ids (new for every save)."""
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return [{key: value for key, value in block.items() if key != "id"} for block in blocks]


def _revision_content(content: dict) -> dict:
    kept = {key: value for key, value in content.items() if key not in _VOLATILE}
    kept["body"] = _without_block_ids(kept["body"])
    return kept


def _snapshot(articles: list[Article]) -> list[dict]:
    """What was written for each article, ids and times of the run left out."""
    rows = []
    for article in articles:
        article = Article.objects.get(pk=article.pk)
        fields = {
            field.attname: getattr(article, field.attname)
            for field in Article._meta.concrete_fields
            if field.attname not in _VOLATILE | {"latest_revision_id", "live_revision_id"}
        }
        fields["body"] = _without_block_ids(article.body.get_prep_value())
        revisions = list(Revision.objects.for_instance(article).order_by("id"))
        logs = list(ModelLogEntry.objects.for_instance(article).order_by("id"))
        rows.append(
            {
                "article": fields,
                "published_once": article.first_published_at == article.last_published_at,
                "tags": sorted(article.tags.values_list("slug", flat=True)),
                "latest_is_newest_revision": article.latest_revision_id == revisions[-1].pk,
                "live_revision": (
                    None
                    if article.live_revision_id is None
                    else [r.pk for r in revisions].index(article.live_revision_id)
                ),
                "revisions": [
                    {
                        "content": _revision_content(revision.content),
                        "object_str": revision.object_str,
                        "user": revision.user_id,
                        "approved_go_live_at": revision.approved_go_live_at,
                        "types": (revision.content_type_id, revision.base_content_type_id),
                    }
                    for revision in revisions
                ],
                "logs": [
                    {
                        "action": log.action,
                        "label": log.label,
                        "data": log.data,
                        "content_changed": log.content_changed,
                        "deleted": log.deleted,
                        "user": log.user_id,
                        "uuid": log.uuid,
                        "revision": [r.pk for r in revisions].index(log.revision_id),
                    }
                    for log in logs
                ],
                "whole_text": ArticleText.objects.filter(article=article).count(),
                "search_entries": sorted(
                    (entry.content_type.model, entry.title, entry.autocomplete, entry.body)
                    for entry in IndexEntry.objects.filter(object_id=str(article.pk))
                    if entry.content_type.model in {"article", "articletext"}
                ),
                "references": sorted(
                    (ref.to_content_type_id, ref.to_object_id, ref.model_path, ref.content_path)
                    for ref in ReferenceIndex.get_references_for_object(article)
                ),
            }
        )
    return rows


def _differing(mine: dict, theirs: dict) -> dict:
    return {
        key: (mine.get(key), theirs.get(key))
        for key in mine.keys() | theirs.keys()
        if mine.get(key) != theirs.get(key)
    }


def _one_by_one(changes: list[ArticleChanges], source, *, publish: bool) -> list[Article]:
    articles = []
    for change in changes:
        with tasks_deferred():
            articles.append(
                article_create(
                    headline=change.headline,
                    slug="",
                    dek=change.dek,
                    section=change.section,
                    body=change.body,
                    access_level=change.access_level,
                    wire_source=source,
                    dateline=change.dateline,
                    agency_byline=change.agency_byline,
                    text_language=change.text_language,
                    hero_image=change.hero_image,
                    hero_alt=change.hero_alt,
                    hero_caption=change.hero_caption,
                    tags=change.tags,
                    publish=publish,
                )
            )
    return articles


@pytest.mark.parametrize(
    ("publish", "later"),
    [(True, False), (False, False), (True, True)],
    ids=["published", "draft", "published-search-by-the-worker"],
)
def test_a_batch_writes_what_one_by_one_writes(publish, later, django_capture_on_commit_callbacks):
    section = SectionFactory(slug="indonesia")
    changes = _changes(
        section, SectionFactory(slug="business"), [TagFactory() for _ in range(3)], None
    )
    changes[1] = ArticleChanges(**{**changes[1].__dict__, "hero_image": NewsImageFactory()})
    source = WireSourceFactory()
    signalled: list[int] = []

    def receiver(sender, instance, **kwargs):
        signalled.append(instance.pk)

    published.connect(receiver, sender=Article)
    try:
        try:
            with transaction.atomic():
                with django_capture_on_commit_callbacks() as one_by_one_changes:
                    expected = _snapshot(_one_by_one(changes, source, publish=publish))
                expected_signals = len(signalled)
                raise _Undone
        except _Undone:
            pass
        assert not Article.objects.exists()
        signalled.clear()
        with django_capture_on_commit_callbacks() as batch_changes, tasks_deferred():
            created = articles_create_many(
                articles=changes, wire_source=source, publish=publish, search_index_later=later
            )
    finally:
        published.disconnect(receiver, sender=Article)
    jobs = DBTaskResult.objects.filter(task_path__endswith="articles_search_index")
    if later:  # the job is the worker's, committed with the articles; its body runs here
        kinds = {"article", "articletext"}
        assert not IndexEntry.objects.filter(content_type__model__in=kinds).exists()
        assert jobs.get().args_kwargs["args"] == [[a.pk for a in created]]
        articles_search_indexed([a.pk for a in created])
    else:
        assert not jobs.exists()

    got = _snapshot(created)
    for mine, theirs in zip(got, expected, strict=True):
        for key in theirs:
            if isinstance(theirs[key], dict):
                assert _differing(mine[key], theirs[key]) == {}
            assert (key, mine[key]) == (key, theirs[key])
    assert [a.slug for a in created] == [
        "ferry-service-resumes-after-the-storm",
        "rupiah-steadies-as-exporters-sell-dollars",
        "ferry-service-resumes-after-the-storm-2",
    ]
    assert len(signalled) == expected_signals == (3 if publish else 0)
    # One content change for the batch (one by one: one an article).
    assert len(batch_changes) == (1 if publish else 0)
    assert len(one_by_one_changes) == (3 if publish else 0)
    if publish:
        assert [
            a.headline for a in article_search(query="exporters", levels_read_whole=["premium"])
        ] == [changes[1].headline]


def test_a_batch_is_checked_before_anything_is_written():
    section = SectionFactory()
    good = ArticleChanges(
        headline="Good", dek="Fine.", body=paragraphs("Text."), section=section,
        access_level=AccessLevel.FREE,
    )  # fmt: skip
    bad = ArticleChanges(**{**good.__dict__, "headline": "Bad", "text_language": "not a tag!"})

    with pytest.raises(ValidationError) as refused:
        articles_create_many(articles=[good, bad], publish=True)

    assert "text_language" in refused.value.message_dict
    assert not Article.objects.exists() and not Revision.objects.exists()


def test_slugs_for_many_avoid_articles_old_urls_and_each_other():
    section = SectionFactory()
    article_create(headline="Port opens", slug="", dek="d", section=section, body=paragraphs("x"))
    ArticleSlugHistory.objects.create(
        slug="port-opens-2", article=Article.objects.get(slug="port-opens")
    )

    article_create(
        headline="Port opens", slug="port-opens-4", dek="d", section=section, body=paragraphs("x")
    )

    slugs = article_slugs_available(["Port opens", "Port opens", "Quiet day", "!!!"])

    assert slugs == ["port-opens-3", "port-opens-5", "quiet-day", "article"]


def test_a_headline_twice_in_a_batch_skips_old_urls_made_from_it():
    section = SectionFactory()
    article_create(
        headline="Harbour reopens", slug="", dek="d", section=section, body=paragraphs("x")
    )
    held = Article.objects.get(slug="harbour-reopens")
    # The base is free again (its article renamed); "-2" is still an old URL of another.
    ArticleSlugHistory.objects.create(slug="ferry-returns-2", article=held)

    slugs = article_slugs_available(["Ferry returns", "Ferry returns", "Ferry returns"])

    assert slugs == ["ferry-returns", "ferry-returns-3", "ferry-returns-4"]
