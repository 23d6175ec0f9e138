import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from warta.accounts.models import User
from warta.demo.articles import ARTICLES
from warta.newsroom.models import AccessLevel, Article, FrontPage
from warta.subscriptions.selectors import entitlement_for_user

pytestmark = pytest.mark.django_db


def test_demo_load_builds_the_newsroom_and_can_run_twice(settings, capsys):
    call_command("demo_load")
    call_command("demo_load")

    assert Article.objects.filter(live=True).count() == len(ARTICLES) == 30
    assert Article.objects.filter(access_level=AccessLevel.PREMIUM).count() >= 8
    assert Article.objects.exclude(wire_source=None).exists()
    assert Article.objects.filter(authors__isnull=False).exists()
    assert FrontPage.objects.get().stories.count() == 5
    assert "warta-demo" in capsys.readouterr().out


def test_demo_logins_have_their_roles(settings):
    call_command("demo_load")

    editor, reporter = User.objects.get(username="editor"), User.objects.get(username="reporter")
    assert editor.has_perm("newsroom.publish_article")
    assert reporter.has_perm("newsroom.change_article")
    assert not reporter.has_perm("newsroom.publish_article")
    subscriber = User.objects.get(username="subscriber")
    assert entitlement_for_user(user=subscriber, now=timezone.now()).gifts_per_month == 5
    reader = User.objects.get(username="reader")
    assert not entitlement_for_user(user=reader, now=timezone.now()).paid_up


def test_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(Exception, match="refused in the production profile"):
        call_command("demo_load")

    assert not Article.objects.exists()


def test_demo_articles_carry_no_test_markers(settings):
    """Tests plant their own canaries; what readers of the demo see is plain news text."""
    call_command("demo_load")

    marked = []
    for article in Article.objects.filter(live=True):
        text = " ".join(
            [
                article.headline,
                article.dek,
                article.dateline,
                json.dumps(list(article.body.raw_data)),
            ]
        )
        if "canary" in text.lower() or "demo marker" in text.lower():
            marked.append(article.slug)
    assert marked == []
