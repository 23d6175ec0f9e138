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


def test_the_demo_wire_feed_ingests_with_one_command_and_again_changes_nothing(client, capsys):
    from warta.demo.articles import DEMO_WIRE, DEMO_WIRE_FEED

    call_command("demo_load")
    capsys.readouterr()
    call_command("ingest", "--source", DEMO_WIRE.name, str(DEMO_WIRE_FEED), "--json")
    first = json.loads(capsys.readouterr().out)

    assert len(first["new"]) == 4 and len(first["updated"]) == 1
    assert first["withdrawn"] == ["urn:lumen-wire:demo:lantern-festival"]
    assert first["failed"] == [] and first["warnings"] == []
    ferry = Article.objects.get(headline__startswith="Ferries to the Thousand Islands sail again,")
    assert ferry.live and ferry.hero_image is not None and ferry.section.slug == "indonesia"
    page = client.get(ferry.get_absolute_url()).content.decode()
    assert 'Jakarta bureau</span>, <span class="wire-source">Lumen Wire' in page
    notes = ("not yet confirmed", "extra sailings (paragraph 3)")  # the notes of v1 and v2
    assert not any(note in page for note in notes)
    assert Article.objects.get(text_language="id").section.slug == "indonesia"
    assert not Article.objects.get(headline__startswith="Bogor lantern").live

    call_command("ingest", "--source", DEMO_WIRE.name, str(DEMO_WIRE_FEED), "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["new"] == again["updated"] == again["withdrawn"] == again["failed"] == []
    assert len(again["unchanged"]) == 6
