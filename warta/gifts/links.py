"""A gift link as the gifter shares it: the canonical URL plus the token, and share shortcuts."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings

from warta.newsroom.models import Article

from .models import Gift
from .tokens import token_for


@dataclass(frozen=True)
class GiftLink:
    url: str
    whatsapp_url: str
    email_url: str


def gift_link(*, gift: Gift, article: Article, token: str | None = None) -> GiftLink:
    token = token or token_for(gift.nonce, stored_hash=gift.token_hash)
    url = f"{settings.WARTA_BASE_URL}{article.get_absolute_url()}?{urlencode({'gift': token})}"
    message = f"{article.headline} — a gift for you from {settings.WARTA_SITE_NAME}: {url}"
    return GiftLink(
        url=url,
        whatsapp_url="https://wa.me/?" + urlencode({"text": message}),
        email_url=f"mailto:?subject={quote(article.headline)}&body={quote(message)}",
    )
