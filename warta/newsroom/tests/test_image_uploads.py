"""What the image library takes (issue 15, item 3): JPEG, PNG, WebP and AVIF, whole, of at most
``WARTA_IMAGE_MAX_PIXELS`` pixels and ``WARTA_IMAGE_MAX_UPLOAD_MB``, judged by their content and
never by their names; anything else is refused with the form's error, never a server error; a
file's name never says where it is written.

Uploads go through the back office as an editor: the single upload form, the multiple uploader
(the library's "Add images") and the chooser's upload tab.
"""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image
from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Collection

from warta.newsroom import renditions
from warta.newsroom.models import NewsImage
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tasks import image_renditions_made

from . import image_samples as samples
from .factories import NewsImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    newsroom_roles_ensure()
    user = django_user_model.objects.create_user(
        username="editor", email="editor@news.example", password="x"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def _upload(client, name: str, data: bytes, content_type: str = "image/jpeg"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, data, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def _file_error(response) -> str:
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors
    assert "file" in errors, errors
    return " ".join(errors["file"])


REFUSED = {
    "bomb (11000x11000, 1 bit)": ("bomb.png", samples.bomb_png, "pixels"),
    "GIF": ("anim.gif", lambda: samples.encoded("GIF"), "format"),
    "BMP": ("old.bmp", lambda: samples.encoded("BMP"), "format"),
    "TIFF": ("scan.tiff", lambda: samples.encoded("TIFF"), "format"),
    "SVG": ("logo.svg", lambda: samples.SVG, "not a readable image"),
    "HTML named .jpg": ("page.jpg", lambda: samples.SCRIPT, "not a readable image"),
    "PNG named .jpg": ("photo.jpg", lambda: samples.encoded("PNG"), "does not match"),
    "GIF named .jpg": ("photo.jpg", lambda: samples.encoded("GIF"), "format"),
    "BMP named .png": ("photo.png", lambda: samples.encoded("BMP"), "format"),
    "JPEG + ZIP": ("photo.jpg", lambda: samples.with_zip(samples.encoded("JPEG")), "after"),
    "JPEG + HTML": ("photo.jpg", lambda: samples.encoded("JPEG") + samples.SCRIPT, "after"),
    "PNG + HTML": ("photo.png", lambda: samples.encoded("PNG") + samples.SCRIPT, "after"),
    "WebP + ZIP": ("photo.webp", lambda: samples.with_zip(samples.encoded("WEBP")), "after"),
    "script inside": (
        "photo.jpg",
        lambda: samples.with_comment(samples.encoded("JPEG"), b"<script>alert(1)</script>"),
        "markup",
    ),
    "truncated JPEG": ("cut.jpg", lambda: samples.truncated(samples.photo_jpeg()), "whole"),
    "truncated PNG": ("cut.png", lambda: samples.truncated(samples.photo_png()), "whole"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_upload_outside_what_the_library_takes_is_refused_with_the_forms_error(
    client, editor, case
):
    name, make, words = REFUSED[case]

    response = _upload(client, name, make())

    assert words in _file_error(response).lower()
    assert NewsImage.objects.count() == 0


@pytest.mark.parametrize("case", ["bomb (11000x11000, 1 bit)", "JPEG + ZIP", "truncated JPEG"])
def test_the_multiple_uploader_and_the_chooser_refuse_them_too(client, editor, case):
    name, make, words = REFUSED[case]

    multiple = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, make(), content_type="image/png")},
    )
    chooser = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Upload",
            "image-chooser-upload-file": SimpleUploadedFile(name, make()),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
            "image-chooser-upload-tags": "",
        },
    )

    assert multiple.status_code == 200
    answer = json.loads(multiple.content)
    assert answer["success"] is False and words in answer["error_message"].lower()
    assert chooser.status_code == 200
    assert words in chooser.content.decode().lower()
    assert NewsImage.objects.count() == 0


TAKEN = {
    "JPEG": ("photo.jpg", lambda: samples.photo_jpeg()),
    "PNG": ("photo.png", lambda: samples.photo_png()),
    "WebP": ("photo.webp", lambda: samples.encoded("WEBP")),
    "AVIF": ("photo.avif", lambda: samples.encoded("AVIF")),
    "a 45-megapixel camera's photo": ("camera.png", samples.camera_png),
}


@pytest.mark.parametrize("case", TAKEN)
def test_the_formats_a_newsroom_uses_are_taken_up_to_a_cameras_pixels(client, editor, case):
    name, make = TAKEN[case]

    response = _upload(client, name, make())

    assert response.status_code == 302, response.context["form"].errors
    image = NewsImage.objects.get()
    with image.open_file() as stored, Image.open(stored) as reopened:
        assert reopened.format == {"jpg": "JPEG"}.get(name[-3:], name.rsplit(".")[-1].upper())


def test_the_pixel_limit_is_a_setting(client, editor, settings):
    settings.WARTA_IMAGE_MAX_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2_000

    response = _upload(client, "photo.png", samples.encoded("PNG", (64, 40)))

    assert "pixels" in _file_error(response).lower()


def test_pillows_own_guard_is_on_at_the_same_limit(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.WARTA_IMAGE_MAX_PIXELS == 50_000_000
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.WARTA_IMAGE_MAX_PIXELS


def test_an_upload_above_the_size_limit_is_refused(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1_000

    response = _upload(client, "photo.jpg", samples.photo_jpeg())

    assert "too big" in _file_error(response).lower()


NAMES = {
    "climbs out": "../../../../etc/x.jpg",
    "absolute": "/etc/cron.d/x.jpg",
    "backslashes": "..\\..\\windows\\x.jpg",
    "NUL": "x.php\x00.jpg",
    "long": "a" * 300 + ".jpg",
    "no stem": ".jpg",
    "not ascii": "Ünïcödé фото 写真.jpg",
}


@pytest.mark.parametrize("case", NAMES)
def test_a_crafted_file_name_never_says_where_the_file_is_written(client, editor, settings, case):
    media = Path(settings.MEDIA_ROOT).resolve()

    response = _upload(client, NAMES[case], samples.photo_jpeg())

    if response.status_code == 200:  # refused: nothing written anywhere
        _file_error(response)
        assert NewsImage.objects.count() == 0
        return
    assert response.status_code == 302
    stored = NewsImage.objects.get().file.name
    assert stored.startswith("original_images/")
    leaf = stored.removeprefix("original_images/")
    assert "/" not in leaf and "\\" not in leaf and ".." not in leaf and "\x00" not in leaf
    assert leaf.isascii() and len(stored) < 100 and leaf.endswith(".jpg")
    path = (media / stored).resolve()
    assert path.is_file() and path.is_relative_to(media)
    written = [p for p in media.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(media / "original_images") for p in written), written


def test_the_stored_name_says_the_format_the_content_has(client, editor):
    data = io.BytesIO()
    Image.new("RGB", (32, 32)).save(data, "JPEG")

    response = _upload(client, "Photo.JPEG", data.getvalue())

    assert response.status_code == 302
    assert NewsImage.objects.get().file.name.endswith(".jpg")


def test_no_rendition_is_made_of_an_image_above_the_limit(settings):
    """One stored before the limit (or before it was lowered): a page shows it missing rather
    than the request decoding it; under the limit the same image is rendered."""
    image = NewsImageFactory()  # 1600x1000
    settings.WARTA_IMAGE_MAX_PIXELS = 1_000_000

    with pytest.raises(SourceImageIOError, match="above the limit"):
        image.get_rendition(renditions.SOCIAL)
    missing = get_rendition_or_not_found(image, renditions.SOCIAL)
    assert missing.width == 0 and not image.renditions.exists()

    settings.WARTA_IMAGE_MAX_PIXELS = 2_000_000
    assert image.get_rendition(renditions.SOCIAL).width == 1200


def test_an_uploaded_image_has_its_page_renditions_made_by_the_worker(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "photo.jpg", samples.photo_jpeg())

    assert response.status_code == 302
    image = NewsImage.objects.get()
    job = DBTaskResult.objects.get(task_path__endswith="image_renditions")
    assert job.args_kwargs["args"] == [image.pk]
    assert not image.renditions.filter(filter_spec__in=renditions.PUBLIC).exists()
    assert image_renditions_made(image.pk) == len(renditions.PUBLIC)  # the job's body
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made >= set(renditions.PUBLIC)


def test_the_worker_skips_an_image_above_the_limit(settings, caplog):
    image = NewsImageFactory()
    settings.WARTA_IMAGE_MAX_PIXELS = 1_000_000

    assert image_renditions_made(image.pk) == 0
    assert "above the limit" in caplog.text and not image.renditions.exists()
