"""What the API answers with: frozen values, built from the newsroom's models.

The OpenAPI schema is made from these classes (their fields and docstrings), so what the code
builds and what the schema promises cannot drift apart. Times are aware, in UTC. URLs are
absolute, on the public site.
"""

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from warta.access.rules import Level, Reason
from warta.newsroom import renditions
from warta.newsroom.models import Article, Section
from warta.newsroom.visible_body import visible_body

from .body_blocks import Block, body_blocks
from .pictures import Picture, picture
from .site_addresses import absolute_url


@dataclass(frozen=True)
class SectionRef:
    slug: str
    name: str


@dataclass(frozen=True)
class SectionResource(SectionRef):
    """A section of the newspaper, in the order of the site's navigation."""

    description: str
    url: str  # its front on the site


@dataclass(frozen=True)
class SectionList:
    items: tuple[SectionResource, ...]


@dataclass(frozen=True)
class AuthorRef:
    slug: str
    name: str
    role: str


@dataclass(frozen=True)
class TagRef:
    slug: str
    name: str


@dataclass(frozen=True)
class ArticleCard:
    """An article as a list shows it. The same for every reader: no body, only its level."""

    id: int
    url: str  # the canonical page on the site
    headline: str
    dek: str
    section: SectionRef
    access_level: Level
    published_at: datetime
    updated_at: datetime | None  # the last publication, when the site says "Updated"
    byline: tuple[str, ...]  # the authors' names, or the agency's credit for wire copy
    hero: Picture | None


@dataclass(frozen=True)
class Access:
    """What the reading layer decided for this reader (``warta.access.rules``)."""

    full: bool  # the whole body; otherwise the teaser
    reason: Reason


@dataclass(frozen=True)
class ArticleResource(ArticleCard):
    """An article for one reader: the whole body when the paywall rule lets them read it, the
    teaser and the reason otherwise, exactly as the article page decides."""

    dateline: str
    language: str  # a language tag when it is not the site's language, else empty
    authors: tuple[AuthorRef, ...]
    tags: tuple[TagRef, ...]
    access: Access
    complete: bool  # the body holds every block (false: a teaser, more was withheld)
    body: tuple[Block, ...]


@dataclass(frozen=True)
class ArticlePage:
    """One page of a list, newest first. ``next_cursor`` asks for the next (older) page; null
    at the end. Lists are never counted."""

    items: tuple[ArticleCard, ...]
    next_cursor: str | None


def section_resource(section: Section) -> SectionResource:
    return SectionResource(
        slug=section.slug,
        name=section.name,
        description=section.description,
        url=absolute_url(section.get_absolute_url()),
    )


def _card_fields(article: Article, *, hero_specs: tuple[str, ...]) -> dict[str, Any]:
    assert article.first_published_at is not None  # live articles have been published
    hero: Picture | None = None
    if article.hero_image is not None:
        hero = picture(
            article.hero_image,
            specs=hero_specs,
            alt=article.hero_alt,
            caption=article.hero_caption,
            of=Picture,
        )
    return {
        "id": article.pk,
        "url": absolute_url(article.get_absolute_url()),
        "headline": article.headline,
        "dek": article.dek,
        "section": SectionRef(slug=article.section.slug, name=article.section.name),
        "access_level": Level(article.access_level),
        "published_at": article.first_published_at,
        "updated_at": article.last_published_at if article.updated_at() else None,
        "byline": tuple(article.source_names()),
        "hero": hero,
    }


def article_card(article: Article) -> ArticleCard:
    return ArticleCard(**_card_fields(article, hero_specs=renditions.CARD_SRCSET))


@dataclass(frozen=True)
class Body:
    complete: bool  # every block (false: the teaser, more was withheld)
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ArticleParts:
    """What an article's resource is made of for any reader: its card (as its page's hero shows
    it), what else the resource says of it, its whole body and its teaser. Kept in the cache
    (``article_reads``); each reader's resource is made from it with that reader's access
    (``resource_for``), so the kept value holds no reader's reason."""

    card: ArticleCard
    dateline: str
    language: str
    authors: tuple[AuthorRef, ...]
    tags: tuple[TagRef, ...]
    whole: Body
    teaser: Body

    def resource_for(self, access: Access) -> ArticleResource:
        body = self.whole if access.full else self.teaser
        card = {f.name: getattr(self.card, f.name) for f in fields(ArticleCard)}
        return ArticleResource(
            **card,
            dateline=self.dateline,
            language=self.language,
            authors=self.authors,
            tags=self.tags,
            access=access,
            complete=body.complete,
            body=body.blocks,
        )


def _body(article: Article, *, full: bool) -> Body:
    visible = visible_body(article, full=full)
    return Body(complete=visible.complete, blocks=body_blocks(visible))


def article_parts(article: Article) -> ArticleParts:
    return ArticleParts(
        card=ArticleCard(**_card_fields(article, hero_specs=renditions.HERO)),
        dateline=article.dateline,
        language=article.text_language,
        authors=tuple(
            AuthorRef(slug=a.slug, name=a.name, role=a.role) for a in article.authors.all()
        ),
        tags=tuple(TagRef(slug=t.slug, name=t.name) for t in article.tags.all()),
        whole=_body(article, full=True),
        teaser=_body(article, full=False),
    )
