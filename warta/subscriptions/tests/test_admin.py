"""The back office: staff edit plans and read subscriptions and payment events."""

import pytest
from django.urls import reverse

from warta.subscriptions.models import Plan

from .factories import ReaderFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    admin = ReaderFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_staff_see_the_default_plans_in_the_back_office(staff):
    response = staff.get(reverse("wagtailsnippets_subscriptions_plan:list"))

    assert response.status_code == 200
    assert "Digital Plus" in response.content.decode()


def test_staff_edit_a_plans_gift_allowance(staff):
    plan = Plan.objects.get(slug="digital")
    url = reverse("wagtailsnippets_subscriptions_plan:edit", args=[plan.pk])
    form = {
        "name": "Digital",
        "slug": "digital",
        "description": plan.description,
        "price": "60000",
        "currency": "IDR",
        "period": "month",
        "gifts_per_month": "4",
        "stripe_price_id": "price_digital",
        "is_active": "on",
        "position": "1",
    }

    response = staff.post(url, form)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.gifts_per_month, plan.price, plan.stripe_price_id) == (4, 60000, "price_digital")


def test_subscriptions_are_listed_with_status_and_period_end(staff):
    subscription = SubscriptionFactory(user=ReaderFactory(username="siti"))

    response = staff.get(reverse("wagtailsnippets_subscriptions_subscription:list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "siti" in page
    assert subscription.get_status_display() in page


def test_subscriptions_are_found_by_the_readers_e_mail(staff):
    SubscriptionFactory(user=ReaderFactory(username="siti", email="siti@readers.example"))
    SubscriptionFactory(user=ReaderFactory(username="budi", email="budi@readers.example"))

    response = staff.get(
        reverse("wagtailsnippets_subscriptions_subscription:list"), {"q": "siti@readers"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "siti" in page
    assert "budi" not in page


def test_staff_inspect_a_subscription(staff):
    subscription = SubscriptionFactory(provider_subscription_id="sub_inspect_me")

    response = staff.get(
        reverse("wagtailsnippets_subscriptions_subscription:inspect", args=[subscription.pk])
    )

    assert response.status_code == 200
    assert "sub_inspect_me" in response.content.decode()


def test_subscriptions_cannot_be_added_by_hand(staff):
    response = staff.get(reverse("wagtailsnippets_subscriptions_subscription:add"))

    assert response.status_code in {302, 403}


def test_payment_events_are_listed(staff):
    response = staff.get(reverse("wagtailsnippets_subscriptions_providerevent:list"))

    assert response.status_code == 200
