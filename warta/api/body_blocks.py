"""An article's body as the app gets it: typed blocks, in order.

The blocks come from ``visible_body`` only (decision 0002): the whole body for a reader the
paywall rule lets in, the teaser otherwise. This module never sees the article, so it cannot
show a withheld block. Block types the app does not know yet are to be skipped by it; a block
whose image was deleted from the library is left out here.
"""

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field

from warta.newsroom.rich_text import ShownRichText
from warta.newsroom.visible_body import VisibleBody

from .pictures import Picture, picture

# The widths the article page offers for a picture in the body (web/blocks/image.html).
BODY_IMAGE_SPECS = tuple(f"width-{width}" for width in (480, 800, 1200))


@dataclass(frozen=True)
class Paragraph:
    html: str  # one paragraph: <p> with <b>, <i>, <a>, <sup>, <sub>, <s> inside
    type: Literal["paragraph"] = field(default="paragraph", init=False)


@dataclass(frozen=True)
class Subheading:
    text: str
    type: Literal["subheading"] = field(default="subheading", init=False)


@dataclass(frozen=True)
class ImageBlock(Picture):
    type: Literal["image"] = field(default="image", init=False)


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str
    type: Literal["quote"] = field(default="quote", init=False)


@dataclass(frozen=True)
class Embed:
    """A link to a post, a video or a document, shown as a card (decision 0003): the app loads
    nothing from the provider until the reader opens it."""

    url: str
    title: str
    provider: str
    type: Literal["embed"] = field(default="embed", init=False)


AnyBlock = Paragraph | Subheading | ImageBlock | Quote | Embed
# As the schema names it: one of them, told apart by ``type``.
Block = Annotated[AnyBlock, Field(discriminator="type")]


def _image(value: Any) -> ImageBlock | None:
    image = value["image"]
    if image is None:
        return None
    return picture(
        image,
        specs=BODY_IMAGE_SPECS,
        alt=value["alt_text"],
        caption=value["caption"],
        of=ImageBlock,
    )


def _block(block_type: str, value: Any) -> AnyBlock | None:
    if block_type == "paragraph":
        shown = value if isinstance(value, ShownRichText) else ShownRichText(value.source)
        return Paragraph(html=shown.shown_html())
    if block_type == "subheading":
        return Subheading(text=value)
    if block_type == "image":
        return _image(value)
    if block_type == "quote":
        return Quote(text=value["text"], attribution=value["attribution"])
    if block_type == "embed":
        return Embed(url=value["url"], title=value["title"], provider=value["provider"])
    return None


def body_blocks(visible: VisibleBody) -> tuple[Block, ...]:
    made = (_block(block.block_type, block.value) for block in visible.blocks)
    return tuple(block for block in made if block is not None)
