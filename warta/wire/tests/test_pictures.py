"""Agency pictures: stored once, used by the text items that name them, in either order."""

import io
import re
import shutil

import pytest
from PIL import Image

from warta.newsroom.models import Article, NewsImage
from warta.wire.models import WireItemRecord, WirePicture

from .wire_helpers import SAMPLES, ingest_path, row_counts, source

pytestmark = pytest.mark.django_db

MESSAGE = SAMPLES / "newsml_g2" / "lumen-message-text-and-picture.xml"
PICTURE = "urn:newsml:lumen.example:20260302:pic-bromo"
TEXT = "urn:newsml:lumen.example:20260302:bromo-tourism"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), "#884422").save(out, "JPEG")
    return out.getvalue()


def _drop(tmp_path, name: str, xml: str, *, picture_file: bool = True):
    folder = tmp_path / name
    (folder / "pictures").mkdir(parents=True)
    if picture_file:
        (folder / "pictures" / "bromo-full.jpg").write_bytes(_jpeg())
    (folder / "message.xml").write_text(xml, encoding="utf-8")
    return folder


def _items(xml: str) -> tuple[str, str, str]:
    """The message cut in three: before the items, the picture item, the rest."""
    start = xml.index("<g2:newsItem")
    second = xml.index("<g2:newsItem", start + 1)
    return xml[:start], xml[start:second], xml[second:]


def _text_hero() -> NewsImage | None:
    record = WireItemRecord.objects.get(item_id=TEXT)
    return Article.objects.get(pk=record.article_id).hero_image


def test_a_message_with_a_picture_and_the_text_that_uses_it(tmp_path):
    src = source(format="newsml-g2")
    folder = _drop(tmp_path, "one", MESSAGE.read_text(encoding="utf-8"))

    summary = ingest_path(src, folder)

    assert set(summary.new) == {PICTURE, TEXT}
    assert [f.item for f in summary.failed] == ["urn:newsml:lumen.example:20260302:bromo-video"]
    picture = WirePicture.objects.get(picture_id=PICTURE)
    assert picture.image is not None and picture.credit == "Sari Wulandari/Lumen"
    assert picture.image.credit == "Sari Wulandari/Lumen"
    assert _text_hero() == picture.image
    assert Article.objects.count() == 1  # a picture item makes an image, not an article

    # Again: all unchanged, and still one image.
    before = row_counts()
    again = ingest_path(src, folder)
    assert set(again.unchanged) == {PICTURE, TEXT} and not again.new
    assert row_counts() == before and NewsImage.objects.count() == 1


def test_a_text_that_arrives_before_its_picture_gets_it_when_it_comes(tmp_path):
    src = source(format="newsml-g2")
    head, picture_item, rest = _items(MESSAGE.read_text(encoding="utf-8"))
    text_only = _drop(tmp_path, "text", head + rest)
    picture_only = _drop(
        tmp_path, "picture", head + picture_item + "</g2:itemSet></g2:newsMessage>"
    )

    ingest_path(src, text_only)
    assert _text_hero() is None
    ingest_path(src, picture_only)
    hero = _text_hero()
    assert hero is not None and hero == WirePicture.objects.get().image
    article = Article.objects.get()
    assert article.live and article.live_revision == article.latest_revision


def test_a_picture_that_cannot_be_fetched_leaves_the_text_without_a_broken_image(tmp_path):
    src = source(format="newsml-g2")
    folder = _drop(tmp_path, "nofile", MESSAGE.read_text(encoding="utf-8"), picture_file=False)

    summary = ingest_path(src, folder)

    assert TEXT in summary.new
    assert any("pictures/bromo-full.jpg" in w.reason for w in summary.warnings)
    assert _text_hero() is None and NewsImage.objects.count() == 0
    picture = WirePicture.objects.get()
    assert picture.caption.startswith("Tourists watch the sunrise")  # kept for an editor
    assert "bromo-full.jpg" in picture.fetch_error


@pytest.mark.parametrize(
    ("href", "why"),
    [("../../outside.jpg", "outside"), ("/etc/hostname", "absolute"), ("file:///etc/hostname", "")],
)
def test_hrefs_never_reach_outside_the_files_folder(tmp_path, href, why):
    src = source(format="newsml-g2")
    (tmp_path / "outside.jpg").write_bytes(_jpeg())
    xml = re.sub(r'href="pictures/bromo-full.jpg"', f'href="{href}"', MESSAGE.read_text("utf-8"))
    folder = _drop(tmp_path, "escape", xml)
    shutil.rmtree(folder / "pictures")

    summary = ingest_path(src, folder)

    assert TEXT in summary.new and NewsImage.objects.count() == 0
    assert any(href in w.reason and why in w.reason for w in summary.warnings)
