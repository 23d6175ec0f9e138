"""Image files for the upload tests: taken ones, and the bombs, polyglots and broken files
the image library refuses (``warta/newsroom/image_checks.py``). Made with Pillow at run time."""

import functools
import io
import zipfile

from PIL import Image


def encoded(kind: str, size: tuple[int, int] = (64, 40), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#2266aa" if mode != "1" else 1).save(out, kind)
    return out.getvalue()


@functools.cache
def bomb_png() -> bytes:
    """The issue's file: 11000x11000 pixels, 1 bit each, about 15 KB on disk."""
    out = io.BytesIO()
    Image.new("1", (11000, 11000), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


@functools.cache
def camera_png() -> bytes:
    """As many pixels as a 45-megapixel camera's photo (8256x5504), 1 bit each: small to send
    and quick to decode, taken under the newsroom's limit."""
    out = io.BytesIO()
    Image.new("1", (8256, 5504), 1).save(out, "PNG", optimize=True)
    return out.getvalue()


def with_zip(data: bytes) -> bytes:
    """``data`` with a ZIP archive after its end: a file that unzips as well as it displays."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(document.cookie)</script>")
    return data + out.getvalue()


def with_comment(jpeg: bytes, text: bytes) -> bytes:
    """``jpeg`` with a comment segment (COM) of ``text`` after its start marker."""
    return jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:]


SCRIPT = b"<html><script>alert(document.cookie)</script></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def photo_jpeg() -> bytes:
    """A JPEG with real entropy-coded data (noise), so that cutting it leaves a broken scan."""
    out = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def photo_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(out, "PNG")
    return out.getvalue()
