"""Images as the app gets them: a few renditions with their sizes, alt text, caption, credit."""

from collections.abc import Sequence
from dataclasses import dataclass

from wagtail.images.models import SourceImageIOError

from warta.newsroom.models import NewsImage

from .site_addresses import absolute_url


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    alt: str  # what the picture shows, for readers who cannot see it
    caption: str
    credit: str  # agency and photographer, printed after the caption
    renditions: tuple[Rendition, ...]  # narrowest first


def picture[P: Picture](
    image: NewsImage, *, specs: Sequence[str], alt: str, caption: str, of: type[P]
) -> P:
    """``image`` in the renditions ``specs`` (newsroom/renditions.py), made once and kept, as
    the kind of ``Picture`` that ``of`` names (a hero, a body's image block)."""
    try:
        made = image.get_renditions(*specs)
    except SourceImageIOError:  # its file is gone, or it is above the pixel limit
        made = {}
    renditions = sorted(
        (Rendition(url=absolute_url(r.url), width=r.width, height=r.height) for r in made.values()),
        key=lambda r: (r.width, r.height),
    )
    return of(
        alt=alt or image.description,
        caption=caption or image.caption,
        credit=image.credit,
        renditions=tuple(renditions),
    )
