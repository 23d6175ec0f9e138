from datetime import timedelta

from django.utils import timezone

from warta.accounts.models import User
from warta.newsroom.models import AccessLevel
from warta.newsroom.tests.factories import ArticleFactory, paragraphs
from warta.subscriptions.models import Plan, Subscription, SubscriptionStatus

CANARY = "canary-gift-5d21e0"


def premium_article(**kwargs):
    n = kwargs.pop("n", "")
    defaults = dict(
        access_level=AccessLevel.PREMIUM,
        first_published_at=timezone.now() - timedelta(hours=2),
        body=[
            *paragraphs("The opening anyone may read.", "The second teaser paragraph."),
            ("teaser_break", None),
            *paragraphs(f"The gifted part, with {CANARY}{n} inside."),
        ],
    )
    defaults.update(kwargs)
    return ArticleFactory(**defaults)


def plan_with_gifts(gifts: int) -> Plan:
    plan, _ = Plan.objects.get_or_create(
        slug=f"plan-{gifts}",
        defaults={"name": f"{gifts} gifts", "price": 50000 + gifts, "gifts_per_month": gifts},
    )
    return plan


def subscriber(username: str = "gifter", *, gifts: int = 5, display_name: str = "Ayu's Desk"):
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", display_name=display_name
    )
    Subscription.objects.create(
        user=user,
        plan=plan_with_gifts(gifts),
        status=SubscriptionStatus.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=30),
        provider="development",
    )
    return user
