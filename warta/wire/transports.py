"""Where agency files come from, apart from what they say: a file, a folder, a URL.

Transports only bring bytes, within limits: a size limit on every file (checked before it is
read), timeouts and a total deadline on every fetch, conditional GET for polled URLs, and hrefs
that resolve inside the file's own folder (never outside it) or over http(s) only.
"""

import http.client
import os
import socket
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

MAX_BYTES = 30 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
USER_AGENT = "warta-wire/1"
SUFFIXES: dict[str, tuple[str, ...]] = {
    "ninjs": (".json",),
    "newsml-g2": (".xml",),
    "rss": (".xml", ".rss", ".atom"),
}
_SCHEMES = ("http", "https")


class TransportError(Exception):
    """Nothing could be read; the message says why, for the desk."""


class Resolver(Protocol):
    def fetch(self, href: str) -> bytes:
        """The bytes ``href`` (as the file gives it) names; TransportError when it cannot."""
        ...


@dataclass(frozen=True)
class WireFile:
    name: str  # the path or URL, as the summary shows it
    data: bytes
    resolver: Resolver = field(repr=False)


@dataclass(frozen=True)
class Validators:
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Fetched:
    file: WireFile | None  # None: not modified since the validators
    validators: Validators
    status: int


def is_url(location: str) -> bool:
    return urllib.parse.urlsplit(location).scheme.lower() in _SCHEMES


# --- Files and folders ------------------------------------------------------------------------


def read_path(
    path: Path, *, suffixes: tuple[str, ...], max_bytes: int = MAX_BYTES
) -> list[WireFile]:
    """A file (whatever its name), or a folder's files with one of ``suffixes`` in name order,
    not descending into its subfolders (media) and leaving hidden and editor's temporary
    files alone."""
    if not path.exists():
        raise TransportError(f"not found: {path}")
    if path.is_dir():
        wanted = tuple(s.lower() for s in suffixes)
        paths = sorted(
            child
            for child in path.iterdir()
            if child.is_file()
            and not child.name.startswith(".")
            and not child.name.endswith("~")
            and child.suffix.lower() in wanted
        )
    else:
        paths = [path]
    return [
        WireFile(
            name=str(one),
            data=_read_file(one, max_bytes),
            resolver=FolderResolver(one.parent, max_bytes=max_bytes),
        )
        for one in paths
    ]


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise TransportError(f"not a regular file: {path}")
            if info.st_size > max_bytes:
                raise TransportError(f"{path} is larger than the {_mb(max_bytes)} limit")
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise TransportError(f"cannot read {path}: {error.strerror or error}") from error
    if len(data) > max_bytes:
        raise TransportError(f"{path} is larger than the {_mb(max_bytes)} limit")
    return data


@dataclass(frozen=True)
class FolderResolver:
    """Hrefs of a file on disk: relative ones inside its folder (subfolders too), absolute
    http(s) URLs over the network with the same limits; nothing else."""

    folder: Path
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT_SECONDS

    def fetch(self, href: str) -> bytes:
        if is_url(href):
            return _get(href, timeout=self.timeout, max_bytes=self.max_bytes).content
        scheme = urllib.parse.urlsplit(href).scheme
        if scheme:
            raise TransportError(f"{href}: only relative paths and http(s) URLs are fetched")
        relative = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
        if not relative or relative.startswith(("/", "\\")) or Path(relative).is_absolute():
            raise TransportError(f"{href}: an absolute path is not fetched")
        root = self.folder.resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise TransportError(f"{href}: outside the file's folder")
        if not target.is_file():
            raise TransportError(f"{href}: not found beside the file")
        return _read_file(target, self.max_bytes)


@dataclass(frozen=True)
class HttpResolver:
    """Hrefs of a file fetched over http(s): resolved against its URL, http(s) only."""

    base_url: str
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT_SECONDS

    def fetch(self, href: str) -> bytes:
        url = urllib.parse.urljoin(self.base_url, href)
        if not is_url(url):
            raise TransportError(f"{href}: only http(s) URLs are fetched")
        return _get(url, timeout=self.timeout, max_bytes=self.max_bytes).content


# --- HTTP -------------------------------------------------------------------------------------


def fetch_url(
    url: str,
    *,
    validators: Validators = Validators(),
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    user_agent: str = USER_AGENT,
) -> Fetched:
    """GET ``url``, conditionally when ``validators`` are given: ``file`` None on 304."""
    if not is_url(url):
        raise TransportError(f"{url}: only http(s) URLs are fetched")
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    answer = _get(url, timeout=timeout, max_bytes=max_bytes, headers=headers, agent=user_agent)
    if answer.status == 304:
        return Fetched(file=None, validators=validators, status=304)
    fresh = Validators(
        etag=answer.headers.get("ETag", ""), last_modified=answer.headers.get("Last-Modified", "")
    )
    resolver = HttpResolver(answer.url, max_bytes=max_bytes, timeout=timeout)
    return Fetched(
        file=WireFile(name=url, data=answer.content, resolver=resolver),
        validators=fresh,
        status=answer.status,
    )


@dataclass(frozen=True)
class _Answer:
    url: str
    status: int
    headers: http.client.HTTPMessage
    content: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most MAX_REDIRECTS, and only to http(s)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise TransportError(f"{req.full_url} redirects to {newurl}: only http(s) is followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _NotModified(urllib.request.BaseHandler):
    """A 304 is an answer, not an error."""

    def http_error_304(self, req, fp, code, msg, headers):
        return fp


_OPENER = urllib.request.build_opener(_Redirects, _NotModified)


def _get(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    headers: dict[str, str] | None = None,
    agent: str = USER_AGENT,
) -> _Answer:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked to be http(s)
        url,
        headers={"User-Agent": agent, "Accept-Encoding": "identity", **(headers or {})},
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status = response.status
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise TransportError(f"{url} is larger than the {_mb(max_bytes)} limit")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TransportError(f"timed out after {timeout:g} s fetching {url}")
                chunk = response.read1(64 * 1024) if status != 304 else b""
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise TransportError(f"{url} is larger than the {_mb(max_bytes)} limit")
                chunks.append(chunk)
            return _Answer(response.url, status, response.headers, b"".join(chunks))
    except urllib.error.HTTPError as error:
        where = (error.headers.get("Location", "") if error.headers else "").strip()
        if 300 <= error.code < 400 and where and not is_url(urllib.parse.urljoin(url, where)):
            # urllib's own refusal of a redirect to file: and the like
            raise TransportError(f"{url} redirects to {where}: only http(s) is followed") from error
        raise TransportError(f"HTTP {error.code} from {url}") from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TransportError):
            raise reason from error
        if isinstance(reason, socket.timeout | TimeoutError):
            raise TransportError(f"timed out after {timeout:g} s fetching {url}") from error
        raise TransportError(f"cannot reach {url}: {reason}") from error
    except TimeoutError as error:
        raise TransportError(f"timed out after {timeout:g} s fetching {url}") from error
    except (http.client.HTTPException, OSError) as error:
        raise TransportError(f"fetching {url} failed: {error}") from error


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
