"""Factories for readers, plans and subscriptions.

The two default plans come from a data migration; transactional tests flush them, so
``PlanFactory`` gets or creates by slug and ``default_plans()`` brings them back either way.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from warta.accounts.models import User
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus


class ReaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda reader: f"{reader.username}@readers.example")
    display_name = factory.LazyAttribute(lambda reader: reader.username.title())
    password = factory.django.Password("a-long-reader-password")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("slug",)

    name = "Digital"
    slug = "digital"
    description = "Every article on the site and in the app, and 3 gift articles a month."
    price = Decimal("55000")
    currency = "IDR"
    period = "month"
    gifts_per_month = 3
    position = 1


def default_plans() -> tuple[Plan, Plan]:
    """The plans the data migration creates (3 and 5 gifts a month)."""
    return (
        PlanFactory(),
        PlanFactory(
            name="Digital Plus",
            slug="digital-plus",
            description="Everything in Digital, and 5 gift articles a month.",
            price=Decimal("85000"),
            gifts_per_month=5,
            position=2,
        ),
    )


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(ReaderFactory)
    plan = factory.SubFactory(PlanFactory)
    status = SubscriptionStatus.ACTIVE
    current_period_end = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    provider = "stripe"
    provider_customer_id = factory.Sequence(lambda n: f"cus_test{n}")
    provider_subscription_id = factory.Sequence(lambda n: f"sub_test{n}")


def plan_on_stripe(*, slug: str = "digital", price_id: str = "price_digital") -> Plan:
    """A default plan sold through a Stripe Price (the defaults have none)."""
    plan = {p.slug: p for p in default_plans()}[slug]
    plan.stripe_price_id = price_id
    plan.save(update_fields=["stripe_price_id"])
    return plan
