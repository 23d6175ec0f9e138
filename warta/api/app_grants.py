"""The app's gift grants: the device's signed grants value (``warta.gifts.grants``) in a header.

The web keeps a browser's grants in the ``warta_gifts`` cookie; the app keeps the same signed
value itself and sends it back in ``X-Gift-Grants`` when it reads an article. Opening a gift link
(the link's token in ``X-Gift-Token``) answers with the new value in ``X-Gift-Grants``; the app
replaces the one it kept. The value holds the device's random key, so the link's seat is the
device's, as a browser's is (decision 0020). A forged or broken value is no grant at all, as a
broken cookie is on the web: the app may open the link again.
"""

from django.http import HttpRequest, HttpResponse

from warta.gifts.grants import Grants, grants_dumps, grants_loads

GRANTS_HEADER = "X-Gift-Grants"
GIFT_TOKEN_HEADER = "X-Gift-Token"  # noqa: S105 - a header's name
GRANTS_MAX_LENGTH = 4096  # 30 grants sign to well under 2 KB
TOKEN_MAX_LENGTH = 100  # a token is 43 characters; anything longer opens nothing anyway


def grants_from_request(request: HttpRequest) -> Grants | None:
    raw = request.headers.get(GRANTS_HEADER, "")
    return grants_loads(raw) if 0 < len(raw) <= GRANTS_MAX_LENGTH else None


def gift_token_from_request(request: HttpRequest) -> str | None:
    """The gift link's token the app opens, if it sends one (any value: a wrong one opens
    nothing, and says so in the article's ``access``)."""
    token = request.headers.get(GIFT_TOKEN_HEADER, "").strip()
    return token[:TOKEN_MAX_LENGTH] or None


def grants_set_header(response: HttpResponse, grants: Grants) -> None:
    response[GRANTS_HEADER] = grants_dumps(grants)
