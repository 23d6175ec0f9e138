"""How many requests a minute the API answers for one app, and the ``RateLimit`` headers.

Two policies, each counted in the shared cache (Redis in production) in fixed one-minute windows,
so every process and machine counts together:

- ``token``: a request signed in by a valid session token counts against that token,
  ``WARTA_API_TOKEN_PER_MINUTE``. Readers behind one address (a carrier's NAT, an office) do not
  share a budget.
- ``address``: any other request (anonymous, a site session, a token that signs nobody in) counts
  against a keyed hash of its address, ``WARTA_API_ADDRESS_PER_MINUTE``. An invalid token is
  counted here, so inventing tokens buys no budget.

Every answer says where its client stands, in the fields of the IETF's RateLimit draft
(draft-ietf-httpapi-ratelimit-headers): ``RateLimit-Policy: "address";q=600;w=60`` and
``RateLimit: "address";r=599;t=42`` (requests left, seconds until the window ends). Over the limit
the answer is the ``rate_limited`` problem with ``Retry-After``. A limit of 0 turns a policy off,
and its headers with it. Answers a shared cache hands out cost warta nothing and are not counted;
Varnish drops the ``RateLimit`` field of the answers it keeps (deploy/varnish/warta.vcl), since
it was another client's.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from warta.cache_table import API_RATES
from warta.feedback.guards import client_hash
from warta.window_counts import window_count, window_reset

from .session_tokens import HEADER as SESSION_TOKEN_HEADER

WINDOW_SECONDS = 60
POLICY_HEADER = "RateLimit-Policy"
STATE_HEADER = "RateLimit"
_TOKEN_SALT = "warta.api.rate_limits.token"  # noqa: S105 - a salt's name, not a secret


class Policy(StrEnum):
    TOKEN = "token"  # noqa: S105 - the policy's name, not a secret
    ADDRESS = "address"


@dataclass(frozen=True)
class RateState:
    policy: Policy
    limit: int  # requests a window; 0: no limit
    used: int  # this request included
    reset: int  # seconds until the window ends

    @property
    def allowed(self) -> bool:
        return self.limit <= 0 or self.used <= self.limit

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


def _limit(policy: Policy) -> int:
    if policy is Policy.TOKEN:
        return settings.WARTA_API_TOKEN_PER_MINUTE
    return settings.WARTA_API_ADDRESS_PER_MINUTE


def _who(request: HttpRequest, policy: Policy) -> str:
    if policy is Policy.TOKEN:
        token = request.headers[SESSION_TOKEN_HEADER]
        return salted_hmac(_TOKEN_SALT, token, algorithm="sha256").hexdigest()[:32]
    return client_hash(request)


def api_rate_count(request: HttpRequest, *, token_valid: bool, now: float) -> RateState:
    """Count ``request`` against its policy: its token's when ``token_valid``, else its
    address's."""
    policy = Policy.TOKEN if token_valid else Policy.ADDRESS
    limit = _limit(policy)
    if limit <= 0:
        reset = window_reset(window=WINDOW_SECONDS, now=now)
        return RateState(policy=policy, limit=0, used=0, reset=reset)
    who = _who(request, policy)
    counted = window_count(
        lambda start: API_RATES.key(policy.value, who, start), window=WINDOW_SECONDS, now=now
    )
    return RateState(policy=policy, limit=limit, used=counted.used, reset=counted.reset)


def with_rate_headers(response: HttpResponse, state: RateState) -> HttpResponse:
    if state.limit > 0:
        name = f'"{state.policy.value}"'
        response[POLICY_HEADER] = f"{name};q={state.limit};w={WINDOW_SECONDS}"
        response[STATE_HEADER] = f"{name};r={state.remaining};t={state.reset}"
    return response
