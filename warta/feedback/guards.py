"""The feedback endpoint's defences, applied by the view in this order (docs: DECISION.md).

1. Size: a body over ``MAX_BODY_BYTES`` is refused from its Content-Length, before a byte of it
   is read or parsed.
2. Origin: a post a browser says came from another site is refused (the endpoint is exempt
   from Django's CSRF token, because the box sits in pages shared by every anonymous reader).
3. Honeypot: a hidden field people never fill; a post that fills it is answered as if accepted
   and dropped.
4. Fill time: the form carries ``started``, the time the reader got the form, signed by the
   server. A post sooner than ``min_fill_seconds()`` after it, or with a missing, altered or
   stale token (older than ``TOKEN_MAX_AGE_SECONDS``, 6 hours), is refused, with a fresh one.
5. Rate: each client may send ``rate_limit()`` messages per window (the cache counts them). A
   signed-in reader is counted by account, so an office behind one address is not throttled
   together; anyone else by the address (``client_key``).
"""

import math
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from warta.cache_table import FEEDBACK_RATES
from warta.window_counts import window_count

from .text_rules import MAX_LENGTH

# 3,000 characters of 4-byte UTF-8 (emoji), percent-encoded (x3), is 36,000 bytes; the other
# fields add under 2,000. 64 KiB leaves room for a longer text's zero-width joiners.
MAX_BODY_BYTES = 64 * 1024
START_SALT = "warta.feedback.started"
CLIENT_SALT = "warta.feedback.client"
# A reader writes in minutes; a form older than this was left open, or is being replayed.
TOKEN_MAX_AGE_SECONDS = 6 * 60 * 60
HONEYPOT_FIELD = "website"

BODY_TOO_LARGE = (
    "Your message is far too long to be sent. "
    f"Please shorten it to {MAX_LENGTH:,} characters or fewer."
)
BAD_CONTENT_LENGTH = "The request could not be read. Please reload the page and try again."
CROSS_SITE = (
    "Feedback can only be sent from this site's own pages. "
    "Please open the article here and use its feedback box."
)
FORM_UNCHECKED = (
    "This form could not be checked. Please reload the page, then send your message again "
    "(copy it first so that it is not lost)."
)
FORM_EXPIRED = (
    f"This form has been open for more than {TOKEN_MAX_AGE_SECONDS // 3600} hours, so it has "
    "been renewed. Your message is still here: please send it again. If it is refused again, "
    "copy your message and reload the page."
)
TOO_FAST = (
    "That was quick! To keep automated spam out, please wait a few seconds and send your "
    "message again."
)
RATE_LIMITED = (
    "You have sent several messages in a short time. "
    "Please wait a few minutes before sending another one."
)


def min_fill_seconds() -> float:
    return getattr(settings, "WARTA_FEEDBACK_MIN_FILL_SECONDS", 3)


def rate_limit() -> tuple[int, int]:
    """How many messages one client may send, and per how many seconds."""
    return (
        getattr(settings, "WARTA_FEEDBACK_PER_CLIENT", 5),
        getattr(settings, "WARTA_FEEDBACK_WINDOW_SECONDS", 600),
    )


def declared_body_size(request: HttpRequest) -> int | None:
    """The body's size from its Content-Length header; None when that is not a size.

    Only the header is looked at, so nothing is read: Django reads at most Content-Length
    bytes later, so a body that lies about its size is cut there.
    """
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return declared if declared >= 0 else None


def post_is_from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says the post came from this site's pages.

    ``Sec-Fetch-Site`` (every current browser) is asked first, then ``Origin``. A request with
    neither is not from a browser that could be tricked into posting (a script, or a browser
    from before 2019), so it is let through to the other defences.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site == "same-origin":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return fetch_site is None
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin == own_origin or origin in settings.CSRF_TRUSTED_ORIGINS


def client_address(request: HttpRequest) -> str:
    """The client's IP address, behind as many proxies as the back office's lockout trusts."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client's address: stable per client, and never the address."""
    return salted_hmac(CLIENT_SALT, client_address(request), algorithm="sha256").hexdigest()


def client_key(request: HttpRequest, hashed_address: str) -> str:
    """Whom the rate limit counts: a signed-in reader by account, anyone else by address."""
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    return rate_key(user_id=user_id, hashed_address=hashed_address)


def rate_key(*, user_id: int | None, hashed_address: str) -> str:
    """The rate limit's key for a reader's account (the app's too), else for the address."""
    return f"user:{user_id}" if user_id is not None else f"client:{hashed_address}"


# --- The fill-time token ------------------------------------------------------------------


def start_token(*, at: float, coarse: bool = False) -> str:
    """A signed "the reader got the form at ``at``" (seconds since the epoch).

    ``coarse`` rounds down to the minute, for the box in shared pages: a CDN keeps those up to
    a minute anyway, so the page time is only a lower bound of the reader's, and rounding keeps
    the page the same bytes for that minute. Rounding down can only make a reader look slower.
    """
    seconds = math.floor(at / 60) * 60 if coarse else math.floor(at)
    return signing.Signer(salt=START_SALT).sign(str(seconds))


class TokenState(Enum):
    OK = "ok"
    MISSING = "missing"  # absent, altered, or not ours
    TOO_FAST = "too fast"
    EXPIRED = "expired"


START_MESSAGES = {
    TokenState.MISSING: FORM_UNCHECKED,
    TokenState.TOO_FAST: TOO_FAST,
    TokenState.EXPIRED: FORM_EXPIRED,
}


def start_token_state(token: str, *, now: float) -> TokenState:
    try:
        started = int(signing.Signer(salt=START_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return TokenState.MISSING
    elapsed = now - started
    if elapsed < min_fill_seconds():
        return TokenState.TOO_FAST
    if elapsed > TOKEN_MAX_AGE_SECONDS:
        return TokenState.EXPIRED
    return TokenState.OK


# --- The rate limit -------------------------------------------------------------------------


@dataclass(frozen=True)
class RateCount:
    allowed: bool
    retry_after: int  # seconds until the window ends


def rate_count(key: str, *, now: float) -> RateCount:
    """Count one message for ``key`` in the current fixed window; over the limit, refuse it.

    Incrementing first and comparing after makes the count exact under concurrency (Redis and
    the local-memory cache both increment atomically).
    """
    limit, window = rate_limit()
    counted = window_count(lambda start: FEEDBACK_RATES.key(key, start), window=window, now=now)
    return RateCount(allowed=counted.used <= limit, retry_after=counted.reset)
