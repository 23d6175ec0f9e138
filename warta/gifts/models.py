"""Gift links: a subscriber gives one premium article to anyone, within a monthly allowance.

The database enforces the rules that must hold under any concurrency
(docs/decisions/0006-gift-links.md):

- ``Gift``: one row per used slot of a gifter's month. ``(gifter, month, slot)`` is unique among
  the gifts not ``returned`` and ``1 <= slot <= allowance``, so a month can never hold more
  gifts than the allowance, however many requests race. ``(gifter, month, article)`` is unique
  among the links not revoked, so gifting the same article again in the month finds the live
  gift; once it is revoked, gifting it again makes a new link.
- A link revoked before any browser opened it is ``returned``: its slot is free again, so the
  gift goes back to the month's allowance. A link someone opened keeps its slot when revoked.
- ``GiftBrowser``: one row per browser a link admitted, with a seat number; ``(gift, seat)`` is
  unique and ``1 <= seat <= max_browsers``, so a link admits at most ``max_browsers`` browsers.

The token itself is never stored: ``token_hash`` (SHA-256) finds the gift, and ``nonce`` with the
server's secret derives the token again for the gifter's own pages (``tokens.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


def gift_source(gift_id: int) -> str:
    """How sign-ups and subscriptions credited to a gift name it (accounts.attribution)."""
    return f"gift:{gift_id}"


class Gift(models.Model):
    gifter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gifts_given"
    )
    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month, in the newsroom's time zone.")
    slot = models.PositiveSmallIntegerField()
    allowance = models.PositiveSmallIntegerField(help_text="The month's allowance when gifted.")
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    max_browsers = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned = models.BooleanField(
        default=False,
        help_text="Revoked before any browser opened it: the gift went back to the allowance.",
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["gifter", "month", "slot"],
                condition=Q(returned=False),
                name="gift_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["gifter", "month", "article"],
                condition=Q(revoked_at__isnull=True),
                name="gift_one_live_link_per_article_and_month",
            ),
            models.CheckConstraint(
                condition=Q(returned=False) | Q(revoked_at__isnull=False),
                name="gift_returned_only_when_revoked",
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1) & Q(slot__lte=F("allowance")),
                name="gift_slot_within_allowance",
            ),
            models.CheckConstraint(condition=Q(max_browsers__gte=1), name="gift_admits_someone"),
        ]

    def __str__(self) -> str:
        return f"Gift of article {self.article_id} by user {self.gifter_id} ({self.month:%Y-%m})"


class GiftBrowser(models.Model):
    """A browser a gift link admitted. Its key lives in that browser's signed grant cookie."""

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="browsers")
    browser_key = models.CharField(max_length=64)
    seat = models.PositiveSmallIntegerField()
    max_browsers = models.PositiveSmallIntegerField()
    first_opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField()
    opens = models.PositiveIntegerField(default=1, help_text="Times this browser opened the link.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gift", "seat"], name="gift_browser_one_per_seat"),
            models.UniqueConstraint(fields=["gift", "browser_key"], name="gift_browser_once"),
            models.CheckConstraint(
                condition=Q(seat__gte=1) & Q(seat__lte=F("max_browsers")),
                name="gift_browser_seat_within_cap",
            ),
        ]

    def __str__(self) -> str:
        return f"Seat {self.seat} of gift {self.gift_id}"
