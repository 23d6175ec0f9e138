"""Agency pictures into the image library, once per (source, agency id).

A picture's file is fetched through the transport that brought the item (a path beside the
file, never outside its folder, or a URL with the transport's limits). Only JPEG, PNG and WebP
files of a sane size are taken; anything else leaves the picture without a file and a warning
that names the href, and the article shows no image rather than a broken one.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile

from warta.newsroom.image_checks import ImageRefused, image_checked
from warta.newsroom.models import NewsImage

from .items import Picture, Rendition
from .models import Source, WirePicture
from .transports import Resolver, TransportError

# The rendition to store, best first, by the names agencies give them.
_PREFERRED = ("original", "highres", "baseimage", "hires", "web", "preview", "viewimage")


@dataclass(frozen=True)
class PictureResult:
    picture: WirePicture
    created: bool
    warning: str = ""


def picture_store(*, source: Source, picture: Picture, resolver: Resolver | None) -> PictureResult:
    """The source's picture with this agency id: made (or its words refreshed), and its file
    fetched when it has none yet. ``resolver`` None (a dry run) fetches nothing."""
    stored, created = WirePicture.objects.select_for_update().get_or_create(
        source=source, picture_id=picture.item_id
    )
    for field in ("caption", "alt_text", "credit", "photographer", "copyright", "usage_terms"):
        value = _credit(picture.credit) if field == "credit" else getattr(picture, field)
        if value:
            long_text = field in ("caption", "usage_terms")
            setattr(stored, field, value if long_text else value[:255])
    warning = ""
    if stored.image is None and resolver is not None and picture.renditions:
        rendition = _best(picture.renditions)
        try:
            stored.image = _image(stored, rendition, resolver.fetch(rendition.href))
            stored.fetch_error = ""
        except (TransportError, ValueError) as error:
            stored.fetch_error = f"{rendition.href}: {error}"
            warning = f"picture {picture.item_id}: no file from {rendition.href} ({error})"
    elif stored.image is not None and (stored.caption or stored.credit):
        NewsImage.objects.filter(pk=stored.image.pk).update(
            caption=stored.caption, credit=stored.credit, description=stored.alt_text[:255]
        )
    stored.save()
    return PictureResult(stored, created, warning)


def _credit(raw: str) -> str:
    """A credit as the page prints it inside its own parentheses: never "((Reuters))"."""
    return raw.strip().strip("()").strip()


def _best(renditions: tuple[Rendition, ...]) -> Rendition:
    def rank(rendition: Rendition) -> tuple[int, int]:
        name = rendition.name.rsplit(":", 1)[-1].lower()  # "rnd:highRes" is "highres"
        by_name = _PREFERRED.index(name) if name in _PREFERRED else len(_PREFERRED)
        return by_name, -(rendition.width or 0)

    return min(renditions, key=rank)


def _image(stored: WirePicture, rendition: Rendition, data: bytes) -> NewsImage:
    try:
        extension = image_checked(data).extension
    except ImageRefused as refused:
        raise ValueError(str(refused)) from refused
    digest = hashlib.sha256(data).hexdigest()[:16]
    image = NewsImage(
        title=(stored.caption or stored.picture_id)[:255],
        description=(stored.alt_text or stored.caption)[:255],
        caption=stored.caption,
        credit=stored.credit,
    )
    image.file = ImageFile(BytesIO(data), name=f"wire-{digest}.{extension}")
    image.save()
    return image
