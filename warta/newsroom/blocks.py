"""The blocks an article body is made of.

One paragraph is one block, so "the first N paragraphs" of a teaser is well defined. Embeds are
links shown as a card: the page makes no third-party request and nothing is fetched at save time.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "superscript", "subscript", "strikethrough"]


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
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="web/blocks/paragraph.html"
    )
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

    class Meta:
        block_counts = {"teaser_break": {"max_num": 1}}
