"""The back office's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): every upload, single,
multiple or from a chooser, is checked by ``image_checks`` and stored under a name made here.

The checks run before Wagtail's own field looks at the file (its pixel count reads a truncated
JPEG and fails with a server error); Wagtail's then refuses a file above
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, or whose extension is not in ``WAGTAILIMAGES_EXTENSIONS`` or
names another format than the content's.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .image_checks import ImageRefused, image_checked

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def stored_name(original: str, extension: str) -> str:
    """A name of ASCII letters, digits, ``-`` and ``_`` from the last part of ``original``, at
    most 60 of them, with the extension of the format the content has."""
    leaf = re.split(r"[/\\\x00]", original)[-1].rsplit(".", 1)[0]
    ascii_leaf = unicodedata.normalize("NFKD", leaf).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_leaf).strip("-_")[:60].strip("-_")
    return f"{stem or 'image'}.{extension}"


class NewsImageField(WagtailImageField):
    def to_python(self, data):
        if not isinstance(data, UploadedFile) or (
            self.max_upload_size is not None and data.size and data.size > self.max_upload_size
        ):
            return super().to_python(data)  # nothing uploaded, or Wagtail's "too big"
        data.seek(0)
        content = data.read()
        data.seek(0)
        try:
            checked = image_checked(content)
        except ImageRefused as refused:
            raise ValidationError(str(refused), code="image_refused") from refused
        checked_file = super().to_python(data)
        checked_file.name = stored_name(data.name or "", checked.extension)
        return checked_file


class NewsImageBaseForm(BaseImageForm):
    file = NewsImageField()
