"""Gift tokens: at least 128 random bits, never stored.

A gift stores a random ``nonce`` and the SHA-256 of its token. The token is an HMAC of the nonce
under the server's secret (one salt for this purpose only), so:

- the link can be shown to the gifter again without keeping the token;
- the database alone (a backup, a leak) gives no working link;
- a token is found by its hash, and a changed character finds nothing.

With ``SECRET_KEY_FALLBACKS`` during a key rotation, the token that matches the stored hash is the
one shown, so links already shared keep working.
"""

import base64
import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "warta.gifts.token"
NONCE_BYTES = 32  # 256 random bits


def nonce_new() -> str:
    return secrets.token_hex(NONCE_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(nonce: str, secret: str) -> str:
    digest = salted_hmac(SALT, nonce, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_for(nonce: str, *, stored_hash: str | None = None) -> str:
    """The token of a gift, re-derived from its nonce."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    tokens = [_token(nonce, key) for key in keys]
    if stored_hash is not None:
        for token in tokens:
            if token_hash(token) == stored_hash:
                return token
    return tokens[0]


def token_looks_valid(token: str) -> bool:
    """Cheap shape check before any database work (43 URL-safe base64 characters)."""
    return len(token) == 43 and all(c.isalnum() or c in "-_" for c in token)
