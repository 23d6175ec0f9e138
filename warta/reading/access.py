"""The one entry point: who may read this article, and what their page is made of.

``article_reading`` gathers what the pure rule needs (who the reader is, what they have paid for,
their gift grant, their metered allowance), asks ``decide_access``, and records a metered read
when the rule granted one. Its answer, ``Reading``, is all a channel needs to serve the article:
the web builds its page from it, the app's API its JSON.
"""

from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from enum import Enum

from warta.access.rules import ANONYMOUS, Decision, Level, Reason, decide_access
from warta.accounts.models import User
from warta.gifts.grants import Grants
from warta.gifts.models import Gift
from warta.gifts.selectors import Allowance
from warta.newsroom.models import Article
from warta.newsroom.selectors import ArticleRef

from .facts import reader_facts
from .gift_grants import GiftGrant, gift_grant_for, gift_link_open
from .meter import meter_for, meter_read


def _key_part(value: object) -> str:
    if is_dataclass(value) and not isinstance(value, type):
        return ".".join(_key_part(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


@dataclass(frozen=True)
class ShellKind:
    """Everything a shared rendering of an article page depends on, besides the article.

    Readers whose kinds are equal are served the same rendering (warta/web/article_shells.py);
    its cache key is made of every field here, so a new field cannot be left out of it, and the
    rendering is made from the article and this value alone.
    """

    decision: Decision
    signed_in: bool
    gift_reader: bool  # reached through a gift: the page asks search engines not to index it
    gifting_offered: bool  # a premium article: the page shows the gifting control
    can_gift: bool  # ... with the form, for a subscriber with gifts this month
    has_gifts_left: bool = False  # ... with gifts left to give (else: when they renew)

    def key(self) -> str:
        return _key_part(self)


@dataclass(frozen=True)
class Reading:
    """The answer for one reader and one article at one time."""

    decision: Decision
    signed_in: bool
    gift: GiftGrant | None  # the gift that reached this reader for this article, if any
    gifting_offered: bool
    allowance: Allowance | None  # a signed-in reader's gifts this month, where gifting is offered
    grants_to_keep: Grants | None = None  # a gift link just opened: the reader's new grants

    @property
    def gift_reader(self) -> bool:
        return self.gift is not None and self.gift.gift is not None

    @property
    def gift_banner(self) -> Gift | None:
        """The gift to thank, when the page is open through one."""
        return self.gift.gift if self.gift and self.decision.reason == Reason.GIFT else None

    @property
    def personal(self) -> bool:
        """The answer depends on the reader's gift grant: no shared cache may keep the page."""
        return self.gift is not None

    @property
    def shell(self) -> ShellKind:
        return ShellKind(
            decision=self.decision,
            signed_in=self.signed_in,
            gift_reader=self.gift_reader,
            gifting_offered=self.gifting_offered,
            can_gift=bool(self.allowance and self.allowance.total),
            has_gifts_left=bool(self.allowance and self.allowance.left),
        )


def article_reading(
    *,
    user: User | None,
    grants: Grants | None,
    article: Article | ArticleRef,
    now: datetime,
    gift_token: str | None = None,
) -> Reading:
    """Who may read ``article``: ``user`` (None: signed out) holding ``grants`` (None: none),
    at ``now``, having followed a gift link with ``gift_token`` if one is given."""
    grants_to_keep = None
    gift: GiftGrant | None
    if gift_token is not None:
        opened = gift_link_open(grants=grants, article=article, token=gift_token, now=now)
        gift, grants_to_keep = opened.grant, opened.grants
    else:
        gift = gift_grant_for(grants=grants, article=article, now=now)
    level = Level(article.access_level)
    facts = reader_facts(user, now=now) if user is not None else None
    reader = facts.reader() if facts is not None else ANONYMOUS
    meter = meter_for(user=user, article_id=article.pk, level=level, now=now)
    decision = decide_access(
        level=level,
        reader=reader,
        now=now,
        gift=gift.state if gift is not None else None,
        meter=meter,
    )
    if user is not None and decision.reason == Reason.METER and not meter.already_counted:
        meter_read(user=user, article_id=article.pk, now=now)
    gifting_offered = level == Level.PREMIUM and article.live
    allowance = None
    if gifting_offered and facts is not None:
        allowance = Allowance(total=facts.gifts_per_month(now), used=facts.gifts_used)
    return Reading(
        decision=decision,
        signed_in=user is not None,
        gift=gift,
        gifting_offered=gifting_offered,
        allowance=allowance,
        grants_to_keep=grants_to_keep,
    )
