"""The blocks an article body is made of.

One paragraph is one block, so "the first N paragraphs" of a teaser is well defined. Embeds are
links shown as a card: the page makes no third-party request and nothing is fetched at save time.
"""

import json

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .rich_text import clean_paragraph

PARAGRAPH_FEATURES = ["bold", "italic", "link", "superscript", "subscript", "strikethrough"]


class _Unreadable(RichText):
    """A posted paragraph the editor's format does not describe: a form error, never a 500."""

    def __init__(self) -> None:
        super().__init__("")


def _is_content_state(posted: object) -> bool:
    """Whether the editor's post is Draft.js content: an object with its blocks and entities."""
    if posted is None:
        return True  # nothing posted: the widget's own answer (an omitted value)
    try:
        state = json.loads(posted) if isinstance(posted, str) else None
    except ValueError:
        return False
    return (
        isinstance(state, dict)
        and isinstance(state.get("blocks"), list)
        and all(isinstance(block, dict) for block in state["blocks"])
        and isinstance(state.get("entityMap", {}), dict)
    )


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text cleaned at the one boundary every paragraph crosses (issue 15, item 2): read
    from the database (``to_python``: old rows, a migration's raw JSON), written to it
    (``get_prep_value``: the ORM, services, the wire, data migrations), given in code
    (``normalize``) and posted from the editor (``value_from_form``). ``clean_paragraph`` is the
    allow-list (``rich_text.py``); ``visible_body`` cleans the expanded HTML again for output."""

    def to_python(self, value):
        return RichText(clean_paragraph(value))

    def get_prep_value(self, value):
        source = value.source if isinstance(value, RichText) else value
        return clean_paragraph(source)

    def normalize(self, value):
        if isinstance(value, _Unreadable):
            return value  # kept for clean() to refuse
        source = value.source if isinstance(value, RichText) else value
        return RichText(clean_paragraph(source))

    def value_from_datadict(self, data, files, prefix):
        # Draftail's widget reads the post as its JSON: anything else raised there (a 500).
        if not _is_content_state(data.get(prefix)):
            return _Unreadable()
        try:
            return super().value_from_datadict(data, files, prefix)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return _Unreadable()

    def value_from_form(self, value):
        return RichText(clean_paragraph(value))

    def clean(self, value):
        if isinstance(value, _Unreadable):
            raise ValidationError("This paragraph could not be read; type it again.")
        return super().clean(value)

    class Meta:
        icon = "pilcrow"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, max_length=255, help_text="Leave empty to use the image's description."
    )
    caption = blocks.TextBlock(required=False, help_text="Leave empty to use the image's caption.")

    class Meta:
        icon = "image"
        template = "web/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "web/blocks/quote.html"


class EmbedLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="Link to the post, video or document.")
    title = blocks.CharBlock(max_length=255, help_text="What the reader will find there.")
    provider = blocks.CharBlock(required=False, max_length=80, help_text='e.g. "YouTube".')

    class Meta:
        icon = "media"
        template = "web/blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=PARAGRAPH_FEATURES, template="web/blocks/paragraph.html")
    subheading = blocks.CharBlock(
        max_length=200, template="web/blocks/subheading.html", icon="title"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedLinkBlock()
    teaser_break = blocks.StaticBlock(
        admin_text="Teaser break: readers who may not read the whole article stop here.",
        icon="cut",
        template="web/blocks/teaser_break.html",
    )

    def get_prep_value(self, value):
        # Wagtail writes a child it never read back as it was read: an old row's paragraph is
        # cleaned here all the same, so whatever is saved holds only what a paragraph may.
        prepared = super().get_prep_value(value)
        for child in prepared:
            if isinstance(child, dict) and child.get("type") == "paragraph":
                child["value"] = clean_paragraph(child.get("value"))
        return prepared

    class Meta:
        block_counts = {"teaser_break": {"max_num": 1}}
