"""The uploaded images, served by warta itself from ``MEDIA_ROOT`` (decision 0015).

The default storage keeps images on the file system, and the production profile serves them too
(``WARTA_SERVE_MEDIA``), so a site behind Varnish or a CDN shows its pictures with no other web
server. Only Wagtail's image folders are served: originals, renditions and staff avatars.
Documents live under ``MEDIA_ROOT`` too but are Wagtail's to serve, through its view that checks
their collection's privacy. A path is taken as a name inside one of those folders and nothing
else: any ``..``, backslash, NUL, absolute path or symbolic link that leads out is a 404.

A rendition's file name never changes its bytes (its name says the size and the focal point; a
new upload gets a new name), so renditions are kept for a year and never revalidated. An
original's name could come back after its image is deleted, so originals are kept for a day.
"""

import mimetypes
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

RENDITIONS = "images"
ORIGINALS = "original_images"
AVATARS = "avatar_images"
ORIGINAL_CACHE_CONTROL = "public, max-age=86400"
# Nothing in the media folder is a page: a stray SVG or HTML file runs no script on our origin.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _cache_control(folder: str) -> str:
    if folder == RENDITIONS:
        return settings.MEDIA_IMMUTABLE_CACHE_CONTROL
    return ORIGINAL_CACHE_CONTROL


def media_file_path(name: str) -> Path | None:
    """The file ``name`` names inside one of the served folders of MEDIA_ROOT, or None."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return None
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or parts[0] not in (RENDITIONS, ORIGINALS, AVATARS):
        return None
    if any(part in {".", ".."} for part in parts):
        return None
    folder = (Path(settings.MEDIA_ROOT) / parts[0]).resolve()
    try:
        found = folder.joinpath(*parts[1:]).resolve(strict=True)
    except (OSError, ValueError, RuntimeError):  # missing, unreadable, a loop of links
        return None
    if not found.is_relative_to(folder) or not found.is_file():
        return None
    return found


def _not_found() -> HttpResponse:
    response = HttpResponse("Not found.\n", status=404, content_type="text/plain; charset=utf-8")
    # Short: the rendition may be made by the next page that asks for it. Django's request log
    # calls a 404 a warning; warta/web/logs.py makes it INFO.
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    found = media_file_path(path)
    if found is None:
        return _not_found()
    stat = found.stat()
    response: HttpResponse | FileResponse
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        content_type, encoding = mimetypes.guess_type(found.name)
        if content_type is None or encoding is not None:
            content_type = "application/octet-stream"
        response = FileResponse(found.open("rb"), content_type=content_type)
        response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = _cache_control(PurePosixPath(path).parts[0])
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
