"""The image renditions public pages use, named once so that queries can prefetch them."""

# Cards on fronts and lists (the card template asks for these two).
CARD_SRCSET = ("fill-480x270", "fill-960x540")
# The hero image of an article page: widths for srcset; the height follows the original ratio.
HERO_WIDTHS = (480, 800, 1200, 1600)
HERO = tuple(f"width-{w}" for w in HERO_WIDTHS)
# Open Graph / Twitter cards, cropped around the focal point.
SOCIAL = "fill-1200x630"
# All of them: what the worker makes once an image is stored (tasks.image_renditions).
PUBLIC = (*CARD_SRCSET, *HERO, SOCIAL)
