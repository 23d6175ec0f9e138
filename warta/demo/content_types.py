"""The shapes demo content is written in: plain frozen dataclasses, no Django."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    text: str  # plain text; may contain <b>, <i> and <a href="..."> only


@dataclass(frozen=True)
class Sub:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Embed:
    url: str
    title: str
    provider: str = ""


@dataclass(frozen=True)
class Break:
    """The teaser break: readers without access stop here."""


@dataclass(frozen=True)
class Picture:
    """An image drawn by code: ``motif`` picks the drawing, ``palette`` its colours."""

    key: str  # unique, used as the image title and file name
    motif: (
        str  # one of: skyline, sea, mountains, market, chart, crowd, forest, stage, rain, abstract
    )
    palette: str  # one of: dawn, dusk, noon, night, jade, clay, ocean, ember
    alt: str  # what the picture shows
    caption: str
    credit: str = "Warta Daily/Illustration"


@dataclass(frozen=True)
class DemoArticle:
    key: str  # the slug
    headline: str
    dek: str
    section: str  # section slug
    access: str  # free | registered | premium
    hours_ago: float  # first publication, relative to the time the demo is loaded
    body: tuple
    authors: tuple[str, ...] = ()  # author slugs (staff stories)
    wire: str | None = None  # wire source slug (agency stories)
    dateline: str = ""
    hero: Picture | None = None
    tags: tuple[str, ...] = field(default=())
    updated_hours_later: float | None = None  # shows "Updated" when set
    top_story: int | None = None  # position among the editors' top stories (1 = lead)
