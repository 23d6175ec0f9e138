"""Plans, subscriptions, payment-provider events and the metered allowance.

A user has at most one ``Subscription`` row: its current state. What happened before lives in the
provider's events (``ProviderEvent``) and in the audit log.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class BillingPeriod(models.TextChoices):
    MONTH = "month", "Monthly"
    YEAR = "year", "Yearly"


class Plan(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    price = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(max_length=3, default="IDR", help_text="ISO 4217 code, e.g. IDR.")
    period = models.CharField(
        max_length=5, choices=BillingPeriod.choices, default=BillingPeriod.MONTH
    )
    gifts_per_month = models.PositiveSmallIntegerField(
        default=3, help_text="Premium articles a subscriber may gift each calendar month."
    )
    stripe_price_id = models.CharField(
        max_length=120, blank=True, help_text="The Stripe Price (price_...) this plan sells."
    )
    is_active = models.BooleanField(default=True, help_text="Offered to new subscribers.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "price")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="plan_price_not_negative")
        ]

    def __str__(self) -> str:
        return self.name


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CANCELLED = "cancelled", "Cancelled, paid until the period ends"
    PAST_DUE = "past_due", "Past due"
    EXPIRED = "expired", "Expired"


class Subscription(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscription"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=10, choices=SubscriptionStatus.choices)
    current_period_end = models.DateTimeField(help_text="Paid until this moment.")
    provider = models.CharField(max_length=20, help_text='"stripe" or "development".')
    provider_customer_id = models.CharField(max_length=120, blank=True)
    provider_subscription_id = models.CharField(max_length=120, blank=True)
    # When the provider last changed this subscription: older events arriving late are ignored.
    provider_updated_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=40,
        blank=True,
        help_text='What brought the reader to subscribe, e.g. "gift:42" for a gift link.',
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_subscription_id"],
                condition=~models.Q(provider_subscription_id=""),
                name="subscription_provider_id_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.plan} ({self.status})"


class ProviderEvent(models.Model):
    """A webhook event, stored in the same transaction as its effect: each applies once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=120)
    created_at = models.DateTimeField(help_text="When the provider created the event.")
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_type} {self.event_id}"


class MeteredRead(models.Model):
    """A premium article a registered reader opened on the monthly allowance."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month, in the newsroom's time zone.")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article", "month"], name="metered_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.article_id} in {self.month:%Y-%m}"
