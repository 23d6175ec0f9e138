"""An agency picture is held to the image library's rules (issue 15, item 3): the wire desk
takes a JPEG, PNG, WebP or AVIF, whole, of at most ``WARTA_IMAGE_MAX_PIXELS`` pixels; anything
else leaves the picture without a file, with a warning, and the text without a broken image. The
stored name is made from the file's digest and its detected format, never from the href."""

import re

import pytest

from warta.newsroom.models import NewsImage
from warta.newsroom.tests import image_samples as samples
from warta.wire.models import WirePicture

from .test_pictures import MESSAGE, TEXT, _text_hero
from .wire_helpers import ingest_path, source

pytestmark = pytest.mark.django_db

REFUSED = {
    "bomb (11000x11000, 1 bit)": (samples.bomb_png, "pixels"),
    "GIF": (lambda: samples.encoded("GIF"), "gif"),
    "BMP": (lambda: samples.encoded("BMP"), "bmp"),
    "TIFF": (lambda: samples.encoded("TIFF"), "tiff"),
    "SVG": (lambda: samples.SVG, "not a readable image"),
    "HTML": (lambda: samples.SCRIPT, "not a readable image"),
    "JPEG + ZIP": (lambda: samples.with_zip(samples.encoded("JPEG")), "after"),
    "JPEG + HTML": (lambda: samples.encoded("JPEG") + samples.SCRIPT, "after"),
    "truncated JPEG": (lambda: samples.truncated(samples.photo_jpeg()), "whole"),
    "truncated PNG": (lambda: samples.truncated(samples.photo_png()), "whole"),
}


def _ingest(tmp_path, data: bytes):
    folder = tmp_path / "drop"
    (folder / "pictures").mkdir(parents=True)
    (folder / "pictures" / "bromo-full.jpg").write_bytes(data)
    (folder / "message.xml").write_text(MESSAGE.read_text(encoding="utf-8"), encoding="utf-8")
    return ingest_path(source(format="newsml-g2"), folder)


@pytest.mark.parametrize("case", REFUSED)
def test_an_agency_picture_outside_the_rules_is_left_without_a_file(tmp_path, case):
    make, words = REFUSED[case]

    summary = _ingest(tmp_path, make())

    assert TEXT in summary.new
    assert _text_hero() is None and NewsImage.objects.count() == 0
    picture = WirePicture.objects.get()
    assert words in picture.fetch_error.lower(), picture.fetch_error
    assert any(words in w.reason.lower() for w in summary.warnings)


@pytest.mark.parametrize(
    "make", [samples.photo_jpeg, samples.photo_png, lambda: samples.encoded("AVIF")]
)
def test_a_whole_picture_is_stored_under_a_name_of_its_digest_and_format(tmp_path, make):
    _ingest(tmp_path, make())

    image = _text_hero()
    assert image is not None
    assert re.fullmatch(r"original_images/wire-[0-9a-f]{16}\.(jpg|png|avif)", image.file.name)
