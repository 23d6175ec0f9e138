"""The images in MEDIA_ROOT, served by warta itself (warta/web/media.py, decision 0015): renditions
for a year, originals for a day, nothing outside Wagtail's image folders."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils.http import http_date

from warta.newsroom.tests.factories import NewsImageFactory
from warta.web.media import media_file_path

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def image():
    cache.clear()  # Wagtail keeps renditions there; an earlier test's image had the same id
    return NewsImageFactory()


def test_a_rendition_is_kept_for_a_year_and_an_original_for_a_day(client, image):
    rendition = image.get_rendition("fill-480x270")

    response = client.get(rendition.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Cache-Control"] == "public, max-age=86400"
    assert "sandbox" in original["Content-Security-Policy"]


def test_a_browser_that_has_the_image_is_told_so(client, image):
    rendition = image.get_rendition("fill-480x270")
    first = client.get(rendition.url)
    assert first.status_code == 200

    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=31536000, immutable"
    stale = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert stale.status_code == 200


def test_documents_are_not_served_from_the_media_folder(client, settings):
    folder = Path(settings.MEDIA_ROOT) / "documents"
    folder.mkdir(parents=True)
    (folder / "private.pdf").write_bytes(b"%PDF-1.4 budget")

    response = client.get("/media/documents/private.pdf")

    assert response.status_code == 404
    assert b"budget" not in response.content


def test_only_get_and_head(client, image):
    assert client.post(image.file.url).status_code == 405
    assert client.head(image.file.url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "",
        "images",
        "images/",
        "../secret.txt",
        "images/../../secret.txt",
        "images/./picture.jpg",
        "/etc/passwd",
        "images/..\\..\\secret.txt",
        "images/a\x00.jpg",
        "documents/private.pdf",
        "secret.txt",
        "images/link.jpg",
        "images/loop.jpg",
    ],
)
def test_no_name_leads_outside_the_image_folders(settings, tmp_path, name):
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "documents").mkdir()
    (media / "documents" / "private.pdf").write_text("private")
    (media / "secret.txt").write_text("secret")
    (tmp_path / "secret.txt").write_text("secret")
    (media / "images" / "link.jpg").symlink_to(tmp_path / "secret.txt")
    (media / "images" / "loop.jpg").symlink_to(media / "images" / "loop.jpg")
    settings.MEDIA_ROOT = media

    assert media_file_path(name) is None


def test_a_file_in_an_image_folder_is_found(settings, tmp_path):
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "harbour.jpg").write_bytes(b"\xff\xd8")
    settings.MEDIA_ROOT = tmp_path

    assert (
        media_file_path("original_images/harbour.jpg")
        == (tmp_path / "original_images" / "harbour.jpg").resolve()
    )


def _settings_in_a_process(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("WARTA_S3_")
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings", "WARTA_VAR_DIR": str(tmp_path)}
    environment |= env
    return subprocess.run(  # noqa: S603 - the project's own settings
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_object_store_without_its_package_is_refused_with_the_way_out(tmp_path):
    result = _settings_in_a_process(
        tmp_path, "", WARTA_MEDIA_STORAGE="s3", WARTA_S3_BUCKET="news", PYTHONNOUSERSITE="1"
    )

    assert result.returncode != 0
    assert "pip install 'warta[s3]'" in result.stderr


def test_an_unknown_storage_is_refused(tmp_path):
    result = _settings_in_a_process(tmp_path, "", WARTA_MEDIA_STORAGE="ftp")

    assert result.returncode != 0
    assert "WARTA_MEDIA_STORAGE='ftp': say filesystem (the default) or s3" in result.stderr


def test_the_object_store_keeps_every_upload_and_links_plainly(tmp_path):
    # Only the settings are read here: a stand-in for django-storages lets them load.
    (tmp_path / "storages" / "backends").mkdir(parents=True)
    (tmp_path / "storages" / "__init__.py").write_text("")
    (tmp_path / "storages" / "backends" / "__init__.py").write_text("")
    (tmp_path / "storages" / "backends" / "s3.py").write_text(
        "from django.core.files.storage import Storage\n"
        "class S3Storage(Storage):\n"
        "    def __init__(self, **options):\n"
        "        self.options = options\n"
    )
    code = (
        "from django.conf import settings\n"
        "o = settings.STORAGES['default']['OPTIONS']\n"
        "print(settings.STORAGES['default']['BACKEND'], o['bucket_name'], o['endpoint_url'],"
        " o['custom_domain'], o['file_overwrite'], o['querystring_auth'],"
        " o['object_parameters']['CacheControl'], settings.WARTA_SERVE_MEDIA)\n"
    )
    result = _settings_in_a_process(
        tmp_path,
        code,
        PYTHONPATH=str(tmp_path),
        WARTA_MEDIA_STORAGE="s3",
        WARTA_S3_BUCKET="news-media",
        WARTA_S3_ENDPOINT_URL="https://s3.example",
        WARTA_S3_CUSTOM_DOMAIN="img.news.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "news-media",
        "https://s3.example",
        "img.news.example",
        "False",
        "False",
        "public,",
        "max-age=31536000,",
        "immutable",
        "False",  # warta's own /media/ route is off: the store serves the images
    ]
