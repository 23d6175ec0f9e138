"""Article pages rendered once per kind of reader and filled with each reader's own bits
(warta/web/article_shells.py, warta/web/personal.py): readers never see each other's bits, a
subscriber's repeated view is not a render, and what changes a reader's access shows at once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from warta.accounts.models import User
from warta.gifts.services import gift_create
from warta.gifts.tests.factories import CANARY, premium_article, subscriber
from warta.newsroom.services import article_publish
from warta.subscriptions.models import SubscriptionStatus
from warta.subscriptions.services import subscription_update_from_provider
from warta.web.personal import MARKER_PATTERN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    settings.WARTA_FRAGMENT_CACHE_SECONDS = 300
    settings.WARTA_READER_FACTS_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_subscribers_share_one_rendering_but_each_sees_only_their_own_bits():
    article = premium_article()
    ayu = subscriber("ayu", display_name="Ayu Lestari", gifts=5)
    budi = subscriber("budi", display_name="Budi Santoso", gifts=3)
    gift_create(gifter=budi, article=premium_article(n="2"), now=timezone.now())
    first = signed_in(ayu).get(article.get_absolute_url()).content.decode()
    budi_client = signed_in(budi)
    budi_client.get("/")  # the session and the user are read once more below, nothing else

    with CaptureQueriesContext(connection) as queries:
        second = budi_client.get(article.get_absolute_url()).content.decode()

    tables = {q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries.captured_queries}
    # The log of content changes is read too: these tests trust it for no time at all
    # (production trusts it for a second, so there a hit reads it once a second per process).
    assert tables <= {"django_session", "accounts_user", "newsroom_contentchange"}, (
        queries.captured_queries
    )
    assert CANARY in first and CANARY in second
    assert "Ayu Lestari" in first and "Ayu Lestari" not in second
    assert "Budi Santoso" in second and "Budi Santoso" not in first
    assert "5 gifts left this month" in first and "2 gifts left this month" in second
    assert not MARKER_PATTERN.search(first) and not MARKER_PATTERN.search(second)
    assert first.count("csrfmiddlewaretoken") == second.count("csrfmiddlewaretoken") == 2


def test_a_kept_rendering_holds_nothing_of_the_reader_it_was_made_for():
    article = premium_article()
    reader = subscriber("ayu", display_name="Ayu Lestari")
    kept = {}
    real_set = cache.set

    def watching_set(key, value, *args, **kwargs):
        kept[key] = value
        return real_set(key, value, *args, **kwargs)

    with mock.patch.object(cache, "set", watching_set):
        signed_in(reader).get(article.get_absolute_url())

    shells = [value for key, value in kept.items() if key.startswith("warta:shell:")]
    assert len(shells) == 1, kept.keys()
    parts = shells[0].value.parts
    text, names = "".join(parts[0::2]), parts[1::2]
    assert "Ayu Lestari" not in text
    assert "csrfmiddlewaretoken" not in text
    assert "gifts left" not in text
    assert sorted(names) == [
        "csrf_input",  # sign out
        "csrf_input",  # gift this article
        "display_name",
        "gift_banner",
        "gifts_left",
        "messages",
        "newsroom_link",
        "reader_attributes",
        "subscribe_link",  # shown to signed-in readers who are not paid up
    ]


def test_a_cancelled_subscription_shows_on_the_next_page_view(django_capture_on_commit_callbacks):
    article = premium_article()
    reader = subscriber("ayu")
    subscription = reader.subscription
    subscription.provider_subscription_id = "sub_1"
    subscription.save()
    client = signed_in(reader)
    assert CANARY in client.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the webhook's transaction commits
        subscription_update_from_provider(
            provider="development",
            provider_subscription_id="sub_1",
            status=SubscriptionStatus.EXPIRED,
            period_end=timezone.now() - timedelta(minutes=1),
            event_time=timezone.now(),
        )

    assert CANARY not in client.get(article.get_absolute_url()).content.decode()


def test_a_paid_period_that_ends_ends_access_though_the_facts_are_kept(settings):
    article = premium_article()
    reader = subscriber("ayu")
    reader.subscription.current_period_end = timezone.now() + timedelta(seconds=2)
    reader.subscription.save()
    client = signed_in(reader)
    assert CANARY in client.get(article.get_absolute_url()).content.decode()

    later = timezone.now() + timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = client.get(article.get_absolute_url()).content.decode()

    assert CANARY not in page


def test_a_new_gift_counts_at_once(django_capture_on_commit_callbacks):
    article = premium_article()
    reader = subscriber("ayu", gifts=5)
    client = signed_in(reader)
    assert "5 gifts left this month" in client.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        gift_create(gifter=reader, article=article, now=timezone.now())

    assert "4 gifts left this month" in client.get(article.get_absolute_url()).content.decode()


def test_publishing_a_change_reaches_subscribers_at_once(django_capture_on_commit_callbacks):
    article = premium_article(headline="Rice prices hold steady")
    client = signed_in(subscriber("ayu"))
    assert "Rice prices hold steady" in client.get(article.get_absolute_url()).content.decode()

    article.headline = "Rice prices rise before the holidays"
    article.save_revision()
    with django_capture_on_commit_callbacks(execute=True):  # the publication commits
        article_publish(article=article)

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Rice prices rise before the holidays" in page


def test_the_anonymous_page_and_the_subscribers_page_are_different_renderings():
    article = premium_article()
    anonymous = Client().get(article.get_absolute_url()).content.decode()
    subscribed = signed_in(subscriber("ayu")).get(article.get_absolute_url()).content.decode()
    anonymous_again = Client().get(article.get_absolute_url()).content.decode()

    assert CANARY not in anonymous and CANARY not in anonymous_again
    assert CANARY in subscribed
    assert anonymous == anonymous_again


def test_an_unknown_personal_bit_is_refused_when_the_template_renders():
    template = Template('{% load personal %}{% personal "nonsense" %}')

    with pytest.raises((ValueError, TemplateSyntaxError), match="No personal bit"):
        template.render(Context({}))
