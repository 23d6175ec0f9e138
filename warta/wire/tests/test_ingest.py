"""Agency items into articles: versions, withdrawals, embargoes, one transaction an item."""

from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.utils import timezone

from warta.newsroom.models import Article
from warta.wire import ingest as ingest_module
from warta.wire.models import DeskEvent, ItemState, WireItemRecord

from .wire_helpers import ingest, ninjs, row_counts, source

pytestmark = pytest.mark.django_db

URI = "urn:test:ninjs:coast-road"


def _article(uri: str = URI) -> Article:
    record = WireItemRecord.objects.get(item_id=uri)
    assert record.article is not None
    return Article.objects.get(pk=record.article.pk)


def _worker_runs_at(moment):
    """The worker's every-minute job, at ``moment`` (Wagtail's publishing reads the clock)."""
    with patch("django.utils.timezone.now", return_value=moment):
        call_command("publish_scheduled")


def _body_text(article: Article) -> str:
    return " ".join(str(block.value) for block in article.body)


def test_a_new_item_becomes_a_published_article_with_the_agency_credit(tmp_path):
    src = source(credit="KBU")
    data = ninjs(
        URI,
        1,
        body='<p>Water rose.&nbsp;Café 陈美玲 <b onclick="x()">stayed</b></p><script>x()</script>',
        ednote="Do not use the mayor's figures before noon.",
        by="By Tim Biro Semarang",
        located="SEMARANG",
        subjects=[{"name": "Floods", "uri": "medtop:20000148"}],
    )
    summary = ingest(src, tmp_path, data)

    assert summary.new == (URI,) and not summary.failed
    article = _article()
    assert article.live and article.headline == "Floodwater reaches the coast road"
    assert article.wire_source.credit == "KBU" and article.source_names() == ["KBU"]
    assert article.dek == "Three districts are under water."
    assert article.dateline == "SEMARANG"
    assert [tag.name for tag in article.tags.all()] == ["Floods"]
    body = _body_text(article)
    assert "Water rose.\xa0Café 陈美玲 <b>stayed</b>" in body  # kept as sent, cleaned
    assert "onclick" not in body and "script" not in body
    # The agency's note is the desk's, never the article's.
    record = WireItemRecord.objects.get(item_id=URI)
    assert record.editor_notes == "Do not use the mayor's figures before noon."
    assert "mayor" not in body and "mayor" not in article.dek
    assert record.byline == "Tim Biro Semarang"
    assert DeskEvent.objects.get(item_id=URI).outcome == "new"


def test_the_page_shows_the_agency_byline_and_says_the_item_language(client, tmp_path):
    src = source(credit="KBU")
    data = ninjs(
        URI,
        1,
        "Banjir rob merendam jalan pantai",
        body="<p>Air naik hingga 40 cm di jalan pantai.</p>",
        by="Oleh Tim Biro Semarang",
        language="id",
    )
    ingest(src, tmp_path, data)
    article = _article()
    assert article.agency_byline == "Tim Biro Semarang" and article.text_language == "id"

    page = client.get(article.get_absolute_url()).content.decode()

    byline = '<span class="agency-byline">Tim Biro Semarang</span>, <span class="wire-source">KBU'
    assert byline in page
    assert '<h1 id="headline" lang="id">Banjir rob merendam jalan pantai</h1>' in page
    assert '<div class="article-body" lang="id">' in page
    assert '"inLanguage": "id"' in page


def test_a_language_that_is_no_language_tag_is_kept_off_the_page(tmp_path):
    ingest(source(), tmp_path, ninjs(URI, 1, language='en" onmouseover="x'))

    article = _article()
    assert article.live and article.text_language == ""
    assert WireItemRecord.objects.get(item_id=URI).language == 'en" onmouseover="x'


def test_the_same_version_again_changes_nothing(tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))
    article = _article()
    before = row_counts()

    summary = ingest(src, tmp_path, ninjs(URI, 1))

    assert summary.unchanged == (URI,) and not summary.new and not summary.updated
    assert row_counts() == before
    again = _article()
    assert again.last_published_at == article.last_published_at
    assert again.latest_revision_id == article.latest_revision_id


def test_a_newer_version_revises_the_article_and_an_older_one_never_overwrites_it(tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))
    first = _article()

    summary = ingest(src, tmp_path, ninjs(URI, 3, "Floodwater closes the coast road"))
    assert summary.updated == (URI,)
    updated = _article()
    assert updated.pk == first.pk and updated.slug == first.slug
    assert updated.headline == "Floodwater closes the coast road" and updated.live
    assert updated.revisions.count() == 2

    late = ingest(src, tmp_path, ninjs(URI, 2, "Floodwater nears the coast road"))
    assert late.unchanged == (URI,)
    assert any("older" in w.reason for w in late.warnings)
    assert _article().headline == "Floodwater closes the coast road"


def test_a_draft_source_keeps_new_items_and_updates_for_an_editor(tmp_path):
    src = source(publish_mode="draft")
    ingest(src, tmp_path, ninjs(URI, 1))
    article = _article()
    assert not article.live and WireItemRecord.objects.get().state == ItemState.DRAFT

    # Once an editor published it, a newer version waits for review: readers keep the old one.
    article.latest_revision.publish()
    ingest(src, tmp_path, ninjs(URI, 2, "Floodwater closes the coast road"))
    live = _article()
    assert live.live and live.headline == "Floodwater reaches the coast road"
    assert live.has_unpublished_changes
    assert live.latest_revision.as_object().headline == "Floodwater closes the coast road"


def test_a_kill_takes_the_article_off_the_site_and_nothing_brings_it_back(client, tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))
    url = _article().get_absolute_url()
    assert client.get(url).status_code == 200

    kill = ninjs(
        URI,
        2,
        "KILL - Floodwater reaches the coast road",
        body="",
        pubstatus="canceled",
        ednote="KILL: the figures were wrong. Remove from all platforms.",
    )
    summary = ingest(src, tmp_path, kill)

    assert summary.withdrawn == (URI,)
    article = _article()
    assert not article.live
    assert article.headline == "Floodwater reaches the coast road"  # never "KILL - ..."
    assert client.get(url).status_code in (404, 410)
    record = WireItemRecord.objects.get(item_id=URI)
    assert record.state == ItemState.KILLED
    assert "figures were wrong" in record.withdrawal_reason
    event = DeskEvent.objects.filter(item_id=URI).first()
    assert event.outcome == "withdrawn" and "figures were wrong" in event.editor_notes

    again = ingest(src, tmp_path, ninjs(URI, 3, "Floodwater reaches the coast road again"))
    assert again.unchanged == (URI,) and not _article().live


def test_a_kill_of_an_unknown_item_leaves_a_tombstone_that_keeps_it_out(tmp_path):
    src = source()
    summary = ingest(src, tmp_path, ninjs(URI, 2, "KILL - x", body="", pubstatus="canceled"))
    assert summary.withdrawn == (URI,)
    assert Article.objects.count() == 0
    assert WireItemRecord.objects.get(item_id=URI).state == ItemState.KILLED

    late = ingest(src, tmp_path, ninjs(URI, 1))
    assert late.unchanged == (URI,) and Article.objects.count() == 0


def test_withheld_comes_down_and_a_later_usable_version_brings_it_back(tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))
    summary = ingest(src, tmp_path, ninjs(URI, 2, pubstatus="withheld"))
    assert summary.withdrawn == (URI,) and not _article().live
    assert WireItemRecord.objects.get().state == ItemState.WITHHELD

    back = ingest(src, tmp_path, ninjs(URI, 3, "Floodwater reaches the coast road, figures out"))
    assert back.updated == (URI,)
    article = _article()
    assert article.live and article.headline.endswith("figures out")


def test_an_embargoed_item_is_scheduled_and_the_worker_publishes_it_at_its_time(tmp_path):
    src = source()
    at = timezone.now() + timedelta(hours=2)
    summary = ingest(src, tmp_path, ninjs(URI, 1, embargoed=at))

    assert summary.new == (URI,) and summary.embargoed == (URI,)
    article = _article()
    assert not article.live and article.go_live_at == at
    assert WireItemRecord.objects.get().state == ItemState.EMBARGOED

    _worker_runs_at(at - timedelta(minutes=1))
    assert not _article().live
    _worker_runs_at(at + timedelta(seconds=30))
    assert _article().live


def test_a_kill_during_the_embargo_cancels_the_publication(tmp_path):
    src = source()
    at = timezone.now() + timedelta(hours=2)
    ingest(src, tmp_path, ninjs(URI, 1, embargoed=at))
    ingest(src, tmp_path, ninjs(URI, 2, body="", pubstatus="canceled"))

    _worker_runs_at(at + timedelta(minutes=1))
    assert not _article().live


def test_a_failing_item_leaves_no_row_and_the_others_land(tmp_path, monkeypatch):
    src = source()
    real_fill = ingest_module._fill

    def fill_then_break(record, item, *args, **kwargs):
        if item.item_id.endswith("bad"):
            raise RuntimeError("the disk is full")  # after the article, revision and tags
        return real_fill(record, item, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "_fill", fill_then_break)
    before = row_counts()
    bad = ingest(src, tmp_path, ninjs(f"{URI}-bad", 1, subjects=[{"name": "Tides"}]))
    assert [f.item for f in bad.failed] == [f"{URI}-bad"]
    assert "the disk is full" in bad.failed[0].reason
    assert row_counts() == before

    good = ingest(src, tmp_path, ninjs(f"{URI}-good", 1))
    assert good.new == (f"{URI}-good",)


def test_an_item_without_a_headline_is_refused_with_its_reason(tmp_path):
    src = source()
    before = row_counts()
    summary = ingest(src, tmp_path, ninjs(URI, 1, headline="  "))
    assert summary.failed and "headline" in summary.failed[0].reason
    assert row_counts() == before


def test_a_dry_run_reports_what_would_happen_and_changes_nothing(tmp_path):
    src = source()
    before = row_counts()
    summary = ingest(src, tmp_path, ninjs(URI, 1), dry_run=True)
    assert summary.new == (URI,)
    assert row_counts() == before and not DeskEvent.objects.exists()


def test_items_of_two_sources_never_merge(tmp_path):
    one, two = source("Agency One"), source("Agency Two")
    ingest(one, tmp_path, ninjs(URI, 1))
    summary = ingest(two, tmp_path, ninjs(URI, 1))
    assert summary.new == (URI,)
    assert Article.objects.count() == 2
    assert {a.wire_source.credit for a in Article.objects.all()} == {"Agency One", "Agency Two"}


def test_categories_map_to_sections_and_the_rest_become_tags(tmp_path):
    from .wire_helpers import section

    section("business", "Business")
    src = source(categories={"medtop:04000000": "business"})
    subjects = [
        {"name": "Economy", "uri": "medtop:04000000"},
        {"name": "Rice", "uri": "medtop:20000250"},
    ]
    ingest(src, tmp_path, ninjs(URI, 1, subjects=subjects))
    article = _article()
    assert article.section.slug == "business"
    assert [tag.name for tag in article.tags.all()] == ["Rice"]


def test_a_file_that_is_not_well_formed_fails_whole(tmp_path):
    src = source()
    summary = ingest(src, tmp_path, b'{"uri": "urn:x", "version": ')
    assert len(summary.failed) == 1 and summary.failed[0].item == ""
    assert Article.objects.count() == 0


def test_a_kill_acts_even_with_an_embargo_that_is_no_date_or_a_body_too_deep(tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))
    ingest(src, tmp_path, ninjs("urn:test:ninjs:second", 1))
    far = ninjs(URI, 2, body="", pubstatus="canceled", embargoed=datetime(9999, 12, 31, tzinfo=UTC))
    deep = ninjs("urn:test:ninjs:second", 2, pubstatus="canceled", body="<div>" * 300)

    summary = ingest(src, tmp_path, far)
    assert summary.withdrawn == (URI,) and not _article().live
    assert any("embargo" in w.reason and "dropped" in w.reason for w in summary.warnings)
    assert ingest(src, tmp_path, deep).withdrawn == ("urn:test:ninjs:second",)
    assert not _article("urn:test:ninjs:second").live


def test_a_story_and_its_kill_in_one_file_both_count(tmp_path):
    src = source()
    both = b"[" + ninjs(URI, 1) + b"," + ninjs(URI, 2, body="", pubstatus="canceled") + b"]"

    summary = ingest(src, tmp_path, both)

    assert summary.new == (URI,) and summary.withdrawn == (URI,) and not summary.failed
    assert not _article().live


def test_odd_versions_and_languages_are_refused_or_dropped_never_a_crash(tmp_path):
    src = source()
    ingest(src, tmp_path, ninjs(URI, 1))

    assert ingest(src, tmp_path, ninjs(URI, "²")).updated == (URI,)  # not a number: by time
    long_version = ingest(src, tmp_path, ninjs("urn:test:ninjs:long", "9" * 65))
    assert "longer than 64" in long_version.failed[0].reason
    tag = "en-" + "-".join(["abcdefgh"] * 5)  # a well-formed tag, longer than the field
    assert ingest(src, tmp_path, ninjs("urn:test:ninjs:lang", 1, language=tag)).new
    assert _article("urn:test:ninjs:lang").text_language == ""
