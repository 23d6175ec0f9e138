"""Many published articles at once, for measuring how pages behave as the archive grows.

``articles_generate(total=N)`` brings the number of live articles to ``N`` by adding generated
ones. They are spread over the sections, authors, tags, agencies and pictures that exist (load
the demo first), dated over the last few years, free, registered or premium, and each has the
revision Wagtail would have written when publishing it, so that every query of the public site and
the back office finds ordinary rows. Generated articles are not added to Wagtail's reference index,
nor to the search index unless ``search_index=True``.

Fast on purpose: rows are made in Python in batches and written with PostgreSQL's ``COPY`` (one
transaction per batch), or with ``bulk_create`` on other databases; PostgreSQL's tables are then
vacuumed and analyzed, as autovacuum would leave them. Ids are given explicitly, so that articles,
their revisions and their tags are written without reading anything back. Refused in the
production profile.
"""

import json
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import batched

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max
from django.utils.text import slugify
from wagtail.models import Revision
from wagtail.search.backends import get_search_backend

from warta.newsroom.content_changes import everything_changed
from warta.newsroom.models import AccessLevel, Article, Author, NewsImage, Section, Tag, WireSource

REFUSED_IN_PRODUCTION = "Generated articles are refused in the production profile."
NOTHING_TO_SPREAD = (
    "There is no section to put articles in: load the demo first (manage.py demo_load)."
)

# Shares of the generated articles, roughly those of a daily's archive.
PREMIUM_SHARE = 0.3
REGISTERED_SHARE = 0.1
WIRE_SHARE = 0.3
PICTURE_SHARE = 0.7
TEASER_BREAK_SHARE = 0.5

WHO = (
    "Jakarta",
    "Bank Indonesia",
    "The regional council",
    "Surabaya",
    "The finance ministry",
    "The exporters' association",
    "West Java",
    "ASEAN's secretariat",
    "The port authority",
    "The election commission",
    "Bandung",
    "The fisheries agency",
    "Medan",
    "A state start-up fund",
    "The teachers' union",
    "Makassar",
    "The mining ministry",
    "The health ministry",
    "Bali's tourism board",
    "The rice board",
)
WHAT = (
    "weighs",
    "opens",
    "delays",
    "backs",
    "reviews",
    "expands",
    "questions",
    "plans",
    "cuts",
    "extends",
    "tests",
    "defends",
)
WHICH = (
    "new rail link",
    "flood defences",
    "rice import quota",
    "budget for schools",
    "electric bus tender",
    "fuel subsidy changes",
    "coastal road",
    "nickel export rules",
    "clinic network",
    "digital tax",
    "port expansion",
    "water supply plan",
    "film festival",
    "minimum wage proposal",
    "reforestation scheme",
    "airport upgrade",
)
DATELINES = ("", "", "Jakarta", "Surabaya", "Medan", "Makassar", "Denpasar", "Singapore", "Tokyo")
SENTENCES = (
    "Officials said the plan would be reviewed again before the end of the year.",
    "The proposal drew support from business groups but criticism from residents' associations.",
    "Figures published this week show demand rising faster than expected in the provinces.",
    "Economists cautioned that the estimates depend on commodity prices holding steady.",
    "A spokesperson said talks with regional governments were continuing.",
    "Critics argued that the timetable leaves little room for public consultation.",
    "The agency said it had received more than a thousand comments on the draft rules.",
    "Similar schemes in neighbouring countries have had mixed results, analysts said.",
    "Local traders reported that prices had already started to move.",
    "The budget for the programme is set out in the regional development plan.",
    "Lawmakers are expected to debate the measure when parliament returns.",
    "Residents interviewed on Tuesday said they wanted clearer information on costs.",
    "The company said construction would begin once permits are issued.",
    "Researchers said more data would be needed to judge the long-term effect.",
    "The ministry did not say how many staff would be assigned to the project.",
    "Observers expect a decision before the rainy season begins.",
)
SUBHEADINGS = ("What comes next", "The numbers", "Reaction", "Background", "Costs and timing")


@dataclass(frozen=True)
class Generated:
    created: int  # articles added by this run
    live: int  # live articles now
    seconds: float


@dataclass(frozen=True)
class _Pools:
    sections: list[int]
    authors: list[int]
    tags: list[int]
    wires: list[int]
    images: list[int]
    content_type_id: int


@dataclass(frozen=True)
class _Rows:
    revisions: list[tuple]
    articles: list[tuple]
    authors: list[tuple[int, int]]
    tags: list[tuple[int, int]]


ARTICLE_COLUMNS = (
    "id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by_id",
    "headline",
    "slug",
    "dek",
    "access_level",
    "dateline",
    "agency_byline",
    "text_language",
    "hero_alt",
    "hero_caption",
    "body",
    "created_at",
    "latest_revision_id",
    "live_revision_id",
    "hero_image_id",
    "section_id",
    "wire_source_id",
)
REVISION_COLUMNS = (
    "id",
    "created_at",
    "approved_go_live_at",
    "user_id",
    "content",
    "object_id",
    "content_type_id",
    "base_content_type_id",
    "object_str",
)


def _pools() -> _Pools:
    sections = list(Section.objects.order_by("pk").values_list("pk", flat=True))
    if not sections:
        raise RuntimeError(NOTHING_TO_SPREAD)
    return _Pools(
        sections=sections,
        authors=list(Author.objects.order_by("pk").values_list("pk", flat=True)),
        tags=list(Tag.objects.order_by("pk").values_list("pk", flat=True)),
        wires=list(WireSource.objects.order_by("pk").values_list("pk", flat=True)),
        images=list(NewsImage.objects.order_by("pk").values_list("pk", flat=True)),
        content_type_id=ContentType.objects.get_for_model(Article).pk,
    )


def _paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(rng.sample(SENTENCES, 3)) + "</p>"


def _body(rng: random.Random, number: int) -> str:
    """A StreamField body as stored: paragraphs, a subheading, sometimes a teaser break."""
    kinds = ["paragraph", "paragraph"]
    if rng.random() < TEASER_BREAK_SHARE:
        kinds.append("teaser_break")
    kinds += ["paragraph", "subheading"] + ["paragraph"] * rng.randint(2, 4)
    blocks = []
    for position, kind in enumerate(kinds):
        value: str | None = None
        if kind == "paragraph":
            value = _paragraph(rng)
        elif kind == "subheading":
            value = rng.choice(SUBHEADINGS)
        block_id = uuid.UUID(int=(number << 16) | position)  # stable and unique per block
        blocks.append({"type": kind, "value": value, "id": str(block_id)})
    return json.dumps(blocks)


def _access(rng: random.Random) -> str:
    draw = rng.random()
    if draw < PREMIUM_SHARE:
        return AccessLevel.PREMIUM
    if draw < PREMIUM_SHARE + REGISTERED_SHARE:
        return AccessLevel.REGISTERED
    return AccessLevel.FREE


def _iso(moment: datetime) -> str:
    # As Django's JSON encoder writes datetimes in a revision's content.
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _rows(
    numbers: Sequence[int], *, revision_offset: int, pools: _Pools, now: datetime, years: int
) -> _Rows:
    """The rows of articles ``numbers`` (their ids), with their revisions and relations."""
    rng = random.Random(numbers[0])  # noqa: S311 - made-up content, not secrets  # nosec B311
    span = timedelta(days=365 * years).total_seconds()
    rows = _Rows([], [], [], [])
    for number in numbers:
        published = now - timedelta(seconds=rng.uniform(3600, span))
        headline = f"{rng.choice(WHO)} {rng.choice(WHAT)} {rng.choice(WHICH)}"
        slug = f"{slugify(headline)[:120]}-{number}"
        dek = " ".join(rng.sample(SENTENCES, 2))
        body = _body(rng, number)
        access = _access(rng)
        section = rng.choice(pools.sections)
        wire = rng.choice(pools.wires) if pools.wires and rng.random() < WIRE_SHARE else None
        image = rng.choice(pools.images) if pools.images and rng.random() < PICTURE_SHARE else None
        authors = [] if wire or not pools.authors else rng.sample(pools.authors, rng.randint(1, 2))
        tags = rng.sample(pools.tags, min(len(pools.tags), rng.randint(1, 3)))
        dateline = rng.choice(DATELINES)
        revision = number + revision_offset
        content = {
            "pk": number,
            "latest_revision": revision,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": _iso(published),
            "last_published_at": _iso(published),
            "live_revision": revision,
            "go_live_at": None,
            "expire_at": None,
            "expired": False,
            "locked": False,
            "locked_at": None,
            "locked_by": None,
            "headline": headline,
            "slug": slug,
            "dek": dek,
            "section": section,
            "access_level": str(access),
            "wire_source": wire,
            "dateline": dateline,
            "agency_byline": "",
            "text_language": "",
            "hero_image": image,
            "hero_alt": "",
            "hero_caption": "",
            "body": body,
            "created_at": _iso(published),
            "authors": authors,
            "tags": tags,
            "related_articles": [],
        }
        rows.revisions.append(
            (
                revision,
                published,
                None,
                None,
                json.dumps(content),
                str(number),
                pools.content_type_id,
                pools.content_type_id,
                headline,
            )
        )
        rows.articles.append(
            (
                number,
                True,
                False,
                published,
                published,
                None,
                None,
                False,
                False,
                None,
                None,
                headline,
                slug,
                dek,
                str(access),
                dateline,
                "",  # agency_byline
                "",  # text_language
                "",
                "",
                body,
                published,
                revision,
                revision,
                image,
                section,
                wire,
            )
        )
        rows.authors.extend((number, author) for author in authors)
        rows.tags.extend((number, tag) for tag in tags)
    return rows


def _write_copy(rows: _Rows) -> None:
    """PostgreSQL: COPY, the fastest way in. Revisions first: articles point to them."""
    revisions = Revision._meta.db_table
    articles = Article._meta.db_table
    authors = Article.authors.through._meta.db_table
    tags = Article.tags.through._meta.db_table
    with connection.cursor() as cursor:
        for table, columns, data in (
            (revisions, REVISION_COLUMNS, rows.revisions),
            (articles, ARTICLE_COLUMNS, rows.articles),
            (authors, ("article_id", "author_id"), rows.authors),
            (tags, ("article_id", "tag_id"), rows.tags),
        ):
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            sql = f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in data:
                    copy.write_row(row)


def _write_orm(rows: _Rows) -> None:
    """Other databases (SQLite): batched bulk_create."""
    batch = 500
    Revision.objects.bulk_create(
        [Revision(**_revision_fields(row)) for row in rows.revisions],
        batch_size=batch,
    )
    Article.objects.bulk_create(
        [Article(**_article_fields(row)) for row in rows.articles], batch_size=batch
    )
    authors, tags = Article.authors.through, Article.tags.through
    authors.objects.bulk_create(
        [authors(article_id=a, author_id=b) for a, b in rows.authors], batch_size=batch
    )
    tags.objects.bulk_create([tags(article_id=a, tag_id=b) for a, b in rows.tags], batch_size=batch)


def _revision_fields(row: tuple) -> dict:
    fields = dict(zip(REVISION_COLUMNS, row, strict=True))
    fields["content"] = json.loads(fields["content"])
    return fields


def _article_fields(row: tuple) -> dict:
    fields = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    fields["body"] = json.loads(fields["body"])  # the StreamField takes the raw stream data
    return fields


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _reset_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind: move them past the new rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Article, Revision):
            top = _next_id(model) - 1
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [model._meta.db_table, top]
            )


def _vacuum_analyze() -> None:
    """As autovacuum would leave the tables: fresh statistics, so that the planner knows how large
    they have become, and the visibility map set, so that index-only scans stay index-only."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        return  # VACUUM cannot run inside a transaction (a test's, say); autovacuum will
    tables = (
        Revision._meta.db_table,
        Article._meta.db_table,
        Article.authors.through._meta.db_table,
        Article.tags.through._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM (ANALYZE) " + ", ".join(connection.ops.quote_name(t) for t in tables)
        )


def _index_for_search(first_id: int, batch_size: int) -> None:
    backend = get_search_backend()
    articles = Article.objects.filter(pk__gte=first_id).prefetch_related("tags").order_by("pk")
    for chunk in batched(articles.iterator(chunk_size=batch_size), batch_size):
        backend.add_bulk(Article, list(chunk))


def articles_generate(
    *,
    total: int,
    now: datetime,
    years: int = 5,
    batch_size: int = 20_000,
    search_index: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Generated:
    """Add generated live articles until there are ``total``; add nothing when there are."""
    started = time.monotonic()
    if settings.PRODUCTION:
        raise RuntimeError(REFUSED_IN_PRODUCTION)
    if total < 0 or years < 1 or batch_size < 1:
        raise ValueError("total must be 0 or more, years and batch_size 1 or more.")
    live = Article.objects.filter(live=True).count()
    missing = max(0, total - live)
    if missing == 0:
        return Generated(0, live, time.monotonic() - started)
    pools = _pools()
    first = _next_id(Article)
    revision_offset = _next_id(Revision) - first
    write = _write_copy if connection.vendor == "postgresql" else _write_orm
    done = 0
    for numbers in _batches(first, missing, batch_size):
        rows = _rows(numbers, revision_offset=revision_offset, pools=pools, now=now, years=years)
        with transaction.atomic():
            write(rows)
        done += len(numbers)
        if progress is not None:
            progress(done, missing)
    _reset_sequences()
    _vacuum_analyze()
    if search_index:
        _index_for_search(first, batch_size=2000)
    everything_changed("articles generated")
    live = Article.objects.filter(live=True).count()
    return Generated(missing, live, time.monotonic() - started)


def _batches(first: int, count: int, size: int) -> Iterator[list[int]]:
    for start in range(first, first + count, size):
        yield list(range(start, min(start + size, first + count)))
