"""The newsroom and the readers the API's tests read: a premium and a registered article, each
with a canary phrase after its teaser break, and readers of every kind."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.tests.factories import CANARY
from warta.gifts.tests.factories import premium_article as gift_premium_article
from warta.newsroom.models import AccessLevel, Article
from warta.newsroom.roles import EDITORS, newsroom_roles_ensure
from warta.newsroom.tests.factories import AuthorFactory, SectionFactory, TagFactory
from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.tests.factories import ReaderFactory, SubscriptionFactory

# After the teaser break of each article (the gifts' test article, whose canary it is).
PREMIUM_CANARY = CANARY
REGISTERED_CANARY = f"{CANARY}-registered"
TEASER = ("The opening anyone may read.", "The second teaser paragraph.")


def premium_article() -> Article:
    return gift_premium_article(
        headline="Nickel smelters rethink coal",
        slug="nickel-smelters-rethink-coal",
        section=SectionFactory(slug="business", name="Business"),
        tags=[TagFactory(slug="markets", name="Markets")],
        authors=[AuthorFactory(slug="business-desk", name="Business Desk")],
    )


def registered_article() -> Article:
    return gift_premium_article(
        n="-registered",
        access_level=AccessLevel.REGISTERED,
        headline="Cinema audiences grow",
        slug="cinema-audiences-grow",
        section=SectionFactory(slug="culture", name="Culture"),
    )


def reader_client(kind: str) -> Client:
    """A client for ``kind`` of reader: anonymous, registered, lapsed, past_due, subscriber,
    staff (an editor)."""
    client = Client()
    if kind == "anonymous":
        return client
    user: User = ReaderFactory(username=kind)
    now = timezone.now()
    if kind == "lapsed":
        SubscriptionFactory(
            user=user, status=SubscriptionStatus.EXPIRED, current_period_end=now - timedelta(days=2)
        )
    elif kind == "past_due":
        SubscriptionFactory(
            user=user,
            status=SubscriptionStatus.PAST_DUE,
            current_period_end=now + timedelta(days=5),
        )
    elif kind == "subscriber":
        SubscriptionFactory(user=user)
    elif kind == "staff":
        newsroom_roles_ensure()
        user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client
