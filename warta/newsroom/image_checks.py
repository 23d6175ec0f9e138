"""What the image library takes, whichever way a picture comes in (issue 15, item 3).

A JPEG, PNG, WebP or AVIF, judged by its content (never its name), of at most
``WARTA_IMAGE_MAX_PIXELS`` pixels counted from its header before anything is decoded, whole (it
decodes to the end), and nothing else in the file: no data after the image's end (a ZIP or a
page after a JPEG's last marker is a file that is two things at once) and no markup anywhere
in it. The back office's upload forms (``image_forms.py``) and the wire desk
(``warta/wire/pictures.py``) both ask here. A file refused says why in ``ImageRefused``.

The limit bounds memory too: Pillow's own guard (``Image.MAX_IMAGE_PIXELS``, set to the same
figure in ``apps.py``) refuses to decode twice as many pixels anywhere, and no rendition is made
of an image above it (``images.NewsImage.generate_rendition_file``).
"""

import re
import struct
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, UnidentifiedImageError

# Pillow's format name: the extension a stored file is given.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
# Markup a browser or an interpreter would run, found anywhere in the bytes: a photo has none
# (XMP metadata is XML, but never these elements), compressed pixels all but never.
_MARKUP = re.compile(rb"<(script|html|body|svg|iframe|object|embed|!doctype|\?php)", re.IGNORECASE)


class ImageRefused(ValueError):
    """The file is not one the library takes; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedImage:
    format: str  # Pillow's name: JPEG, PNG, WEBP, AVIF
    extension: str
    width: int
    height: int


def max_pixels() -> int:
    return int(settings.WARTA_IMAGE_MAX_PIXELS)


def image_checked(data: bytes) -> CheckedImage:
    """``data`` as the library takes it, or ``ImageRefused``."""
    limit = max_pixels()
    most = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(data) > most:
        raise ImageRefused(f"This file is too big ({len(data):,} bytes; at most {most:,}).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as probe:
                kind = probe.format or ""
                if kind not in EXTENSIONS:
                    raise ImageRefused(
                        f"{kind or 'This'} format is not taken: JPEG, PNG, WebP or AVIF only."
                    )
                width, height = probe.size
                frames = getattr(probe, "n_frames", 1)
                if width * height * frames > limit:
                    raise ImageRefused(
                        f"{width}x{height} pixels is more than the {limit:,} pixels allowed."
                    )
                if kind == "JPEG":  # decoded at 1/8 scale: every byte read, 1/64 of the memory
                    probe.draft(probe.mode, (max(1, width // 8), max(1, height // 8)))
                probe.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ImageRefused(f"Too many pixels: at most {limit:,} are taken.") from error
    except (UnidentifiedImageError, SyntaxError) as error:
        raise ImageRefused("Not a readable image: JPEG, PNG, WebP or AVIF only.") from error
    except (OSError, ValueError, struct.error, EOFError) as error:
        raise ImageRefused(f"The image is not whole ({error}); export it again.") from error
    if kind == "PNG":
        _png_chunks_verified(data)
    end = _END[kind](data)
    if data[end:].strip(b"\x00\r\n\t "):
        raise ImageRefused(
            f"There are {len(data) - end:,} bytes after the end of the image; export it again."
        )
    if _MARKUP.search(data):
        raise ImageRefused("The file carries markup (HTML or script); export the image again.")
    return CheckedImage(kind, EXTENSIONS[kind], width, height)


def _png_chunks_verified(data: bytes) -> None:
    """Every chunk's checksum (Pillow's ``verify``); ``load`` alone may stop early."""
    try:
        with Image.open(BytesIO(data)) as again:
            again.verify()
    except (OSError, SyntaxError, ValueError, struct.error) as error:
        raise ImageRefused(f"The image is not whole ({error}); export it again.") from error


def _not_whole(what: str) -> ImageRefused:
    return ImageRefused(f"The image is not whole ({what}); export it again.")


def _jpeg_end(data: bytes) -> int:
    """The offset just after the JPEG's EOI marker, walking its segments (an embedded
    thumbnail's own markers are inside an APP segment and skipped whole)."""
    pos, size = 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:
            raise _not_whole(f"no marker at byte {pos}")
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            break
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return pos
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        if pos + 2 > size:
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        pos += length
        if marker == 0xDA:  # entropy-coded data: up to the next marker that is not a restart
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    raise _not_whole("no end marker")
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    raise _not_whole("no end marker")


def _png_end(data: bytes) -> int:
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        pos += 12 + length
        if kind == b"IEND":
            return pos
    raise _not_whole("no IEND chunk")


def _webp_end(data: bytes) -> int:
    (length,) = struct.unpack("<I", data[4:8])
    return 8 + length + (length & 1)


def _avif_end(data: bytes) -> int:
    """The end of the last ISO base media box: the boxes must tile the file."""
    pos = 0
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if length == 1:
            (length,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
        elif length == 0:
            return len(data)
        if length < 8 or pos + length > len(data):
            return pos
        pos += length
    return pos


_END = {"JPEG": _jpeg_end, "PNG": _png_end, "WEBP": _webp_end, "AVIF": _avif_end}
