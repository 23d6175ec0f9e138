"""HTTP caching of API answers: who may keep them, what purges them, and conditional GET.

- An answer that is the same for every reader (sections, lists, an article read by nobody in
  particular) is ``public``: shared caches keep it for ``SHARED_MAX_AGE`` and purge it by the
  keys of its ``Surrogate-Key`` header (``newsroom/content_keys.py``, decision 0017), so a
  publication reaches them at once. The app revalidates it every time (``max-age=0``).
- An answer for an identified reader is ``private``: the app may keep it and revalidate it, no
  shared cache may, and it names no keys. Every answer to a request signed in by a session token
  is private too, lists included (``token_answer_private``, applied to every endpoint by
  ``urls.py``): whatever an endpoint says, a shared cache never sees a token's answer.

Every successful GET carries an ``ETag`` made of its bytes; a request whose ``If-None-Match``
holds it is answered ``304 Not Modified``. The tag is of the bytes the reader would get, so a
reader only ever revalidates what they were sent.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from warta.newsroom.content_keys import SURROGATE_KEY_HEADER

from .reader_inputs import READER_HEADERS

# How long a shared cache keeps an answer between purges (as the site's pages: docs/caching.md).
SHARED_MAX_AGE = 60
SHARED = f"public, max-age=0, s-maxage={SHARED_MAX_AGE}"
PRIVATE = "private, no-cache"


@dataclass(frozen=True)
class Answer[T]:
    resource: T
    keys: tuple[str, ...]  # what it shows, for purges
    personal: bool = False  # it depends on who reads it
    varies_by_reader: bool = False  # another reader may get another answer


def answered[T](response: HttpResponse, answer: Answer[T]) -> T:
    """Mark ``response`` (the endpoint's own, which ninja fills in) as ``answer`` says."""
    if answer.personal:
        response["Cache-Control"] = PRIVATE
    else:
        response["Cache-Control"] = SHARED
        response[SURROGATE_KEY_HEADER] = " ".join(answer.keys)
    if answer.personal or answer.varies_by_reader:
        patch_vary_headers(response, READER_HEADERS)
    return answer.resource


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """``response`` with its ETag, or ``304 Not Modified`` when the app already holds it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = etag_of(response.content)
    response["ETag"] = etag
    checked = get_conditional_response(request, etag=etag, response=response)
    if checked is None:  # only without a response to fall back on
        return response
    if checked.status_code == 304 and response.has_header(SURROGATE_KEY_HEADER):
        checked[SURROGATE_KEY_HEADER] = response[SURROGATE_KEY_HEADER]
    return checked


def token_answer_private(response: HttpResponse) -> HttpResponse:
    """A token's answer, kept by no shared cache and naming nothing to purge."""
    if "public" in response.get("Cache-Control", ""):
        response["Cache-Control"] = PRIVATE
    if response.has_header(SURROGATE_KEY_HEADER):
        del response[SURROGATE_KEY_HEADER]
    patch_vary_headers(response, READER_HEADERS)
    return response
