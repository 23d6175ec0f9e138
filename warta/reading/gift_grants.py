"""Gift grants as access sees them: the state of a browser's grant for an article, and opening a
gift link (trading its token for a grant). The channel keeps the grants (the web in a signed
cookie) and passes them in; nothing here knows where they came from."""

from dataclasses import dataclass
from datetime import datetime

from warta.access.rules import GiftState
from warta.gifts.grants import Grants, grants_new
from warta.gifts.models import Gift
from warta.gifts.selectors import gift_grant_state
from warta.gifts.services import gift_open
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef


@dataclass(frozen=True)
class GiftGrant:
    """A gift that reached this reader for this article, and whether it still opens it."""

    state: GiftState
    gift: Gift | None  # None: no such gift (a stale or tampered grant)


@dataclass(frozen=True)
class GiftLinkOpened:
    grant: GiftGrant
    grants: Grants | None  # the reader's grants with this one added, when the link opened


def gift_grant_for(
    *, grants: Grants | None, article: Article | ArticleRef, now: datetime
) -> GiftGrant | None:
    """The state of the reader's grant for ``article`` (None: they hold none)."""
    gift_id = grants.gift_for(article.pk) if grants is not None else None
    if grants is None or gift_id is None:
        return None
    state, gift = gift_grant_state(
        gift_id=gift_id, article_id=article.pk, browser_key=grants.browser_key, now=now
    )
    return GiftGrant(state, gift)


def gift_link_open(
    *, grants: Grants | None, article: Article | ArticleRef, token: str, now: datetime
) -> GiftLinkOpened:
    """Open a gift link for the reader holding ``grants`` (new ones if none)."""
    grants = grants or grants_new()
    opening = gift_open(token=token, article=article, browser_key=grants.browser_key, now=now)
    grant = GiftGrant(opening.state, opening.gift)
    if opening.state != GiftState.VALID or opening.gift is None:
        return GiftLinkOpened(grant, None)
    return GiftLinkOpened(grant, grants.with_gift(article_id=article.pk, gift_id=opening.gift.pk))
