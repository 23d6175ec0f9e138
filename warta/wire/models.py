"""The wire desk's records: sources, the items each sent, their pictures and the desk's log.

An article made from an agency item stays the newsroom's ``Article``; ``WireItemRecord`` says
which item (source, id, version) it came from, so a later version updates it and a kill reaches
it. Items of two sources never meet: every key here starts with the source.
"""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from warta.newsroom.models import AccessLevel, Article, NewsImage, Section, WireSource


class WireFormat(models.TextChoices):
    NINJS = "ninjs", "IPTC ninjs (1.x, 2.x, 3.x)"
    NEWSML_G2 = "newsml-g2", "IPTC NewsML-G2"
    RSS = "rss", "RSS 2.0 or Atom"


class PublishMode(models.TextChoices):
    NOW = "now", "Publish at once"
    DRAFT = "draft", "Wait as a draft for an editor"


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            f'"{value}" is not a time zone name; use one like "Asia/Jakarta" or "UTC".'
        ) from error


class Source(ClusterableModel):
    """One feed of one agency, as the desk takes it in."""

    name = models.CharField(max_length=120, unique=True)
    agency = models.ForeignKey(
        WireSource,
        on_delete=models.PROTECT,
        related_name="feeds",
        help_text="Whose credit the articles carry (the source line readers see).",
    )
    format = models.CharField(max_length=12, choices=WireFormat.choices)
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where stories go when none of their categories is mapped to a section.",
    )
    access_level = models.CharField(
        max_length=12, choices=AccessLevel.choices, default=AccessLevel.FREE
    )
    publish_mode = models.CharField(
        max_length=8, choices=PublishMode.choices, default=PublishMode.DRAFT
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="For dates the agency sends without a zone (each such item is warned about).",
    )
    url = models.URLField(
        "feed URL", max_length=500, blank=True, help_text="Polled by the worker when set."
    )
    poll_every = models.PositiveIntegerField(
        "poll every (seconds)", default=300, help_text="How often the worker fetches the URL."
    )
    quiet_after = models.PositiveIntegerField(
        "flag as quiet after (seconds)",
        default=3 * 3600,
        help_text="The desk flags the source when nothing new arrived for this long.",
    )
    active = models.BooleanField(default=True)
    # Conditional GET: what the agency's server said last time.
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_item_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class CategoryMapping(models.Model):
    """An agency category code whose stories go to a section (unmapped codes become tags)."""

    source = ParentalKey(Source, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(max_length=255, help_text='The agency\'s code, e.g. "subj:15000000".')
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="wire_category_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.section}"


class ItemState(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Waiting for an editor"
    EMBARGOED = "embargoed", "Embargoed"
    WITHHELD = "withheld", "Withheld by the agency"
    KILLED = "killed", "Killed by the agency"
    PICTURE = "picture", "Picture"


class WireItemRecord(models.Model):
    """The newest version of one agency item, and what warta made of it.

    A withdrawal for an item warta never saw leaves a record with no article (a tombstone), so
    a late, older version of it stays out.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    item_id = models.CharField(max_length=500)
    kind = models.CharField(max_length=12)
    version = models.CharField(max_length=64, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of what the item says.")
    state = models.CharField(max_length=12, choices=ItemState.choices)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="wire_items"
    )
    headline = models.CharField(max_length=255, blank=True, help_text="As the agency sent it.")
    byline = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=35, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    first_created = models.DateTimeField(null=True, blank=True)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    editor_notes = models.TextField(blank=True, help_text="The agency's notes: editors only.")
    withdrawal_reason = models.TextField(blank=True)
    # The picture the article's hero waits for, by the agency's id (it may arrive later).
    hero_picture_id = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "item_id"], name="wire_item_once")]
        indexes = [models.Index(fields=["source", "hero_picture_id"], name="wire_item_hero")]

    def __str__(self) -> str:
        return f"{self.source}: {self.item_id}"


class WirePicture(models.Model):
    """A picture of a source, stored once however many items or versions name it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="pictures")
    picture_id = models.CharField(max_length=500)
    image = models.ForeignKey(
        NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    caption = models.TextField(blank=True)
    alt_text = models.CharField(max_length=255, blank=True)
    credit = models.CharField(max_length=255, blank=True)
    photographer = models.CharField(max_length=255, blank=True)
    copyright = models.CharField(max_length=255, blank=True)
    usage_terms = models.TextField(blank=True)
    fetch_error = models.TextField(blank=True, help_text="Why no file could be fetched, if so.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "picture_id"], name="wire_picture_once")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.picture_id}"


class Outcome(models.TextChoices):
    NEW = "new", "New"
    UPDATED = "updated", "Updated"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EMBARGOED = "embargoed", "Embargoed"
    FAILED = "failed", "Failed"


class DeskEvent(models.Model):
    """One line of the desk's log: what an ingest did with an item (unchanged items are not
    logged: a poll every minute would drown the desk)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="events")
    record = models.ForeignKey(
        WireItemRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    item_id = models.CharField(max_length=500, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    # What this version of the item said (the record holds the newest version's).
    headline = models.CharField(max_length=255, blank=True, help_text="As the agency sent it.")
    editor_notes = models.TextField(blank=True, help_text="The agency's notes: editors only.")
    file = models.CharField(max_length=500, blank=True)
    detail = models.TextField(blank=True, help_text="The reason, the agency's notes, warnings.")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.outcome}: {self.item_id}"
