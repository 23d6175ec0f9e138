"""The newsroom's image library: Wagtail images that carry a credit and a default caption."""

from functools import partial

from django.db import models, transaction
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError

from .image_checks import max_pixels


def _renditions_queued(image_id: int) -> None:
    from .tasks import image_renditions

    image_renditions.enqueue(image_id)


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

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "file" in fields:
            transaction.on_commit(partial(_renditions_queued, self.pk), robust=True)

    def generate_rendition_file(self, filter, *, source=None):
        """No rendition of an image above the pixel limit (one stored before the limit, or
        after it was lowered): its template shows a missing image rather than the request
        decoding it (issue 15, item 3)."""
        if (self.width or 0) * (self.height or 0) > max_pixels():
            raise SourceImageIOError(
                f"image {self.pk}: {self.width}x{self.height} pixels is above the limit"
            )
        return super().generate_rendition_file(filter, source=source)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
