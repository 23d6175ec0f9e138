"""The newsroom's image library: Wagtail images that carry a credit and a default caption."""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    """A picture with the two lines a newspaper prints under it.

    ``description`` (Wagtail's field) is the alt text. ``credit`` reads like "Reuters/Jane Doe" and
    is printed in parentheses after the caption.
    """

    caption = models.TextField(blank=True, help_text="Default caption; an article may override it.")
    credit = models.CharField(
        max_length=255, blank=True, help_text='Agency and photographer, e.g. "Reuters/Jane Doe".'
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_newsimage", "Can choose image")]


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
