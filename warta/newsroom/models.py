"""Sections, authors, wire sources, tags and articles.

Articles are Django models edited as Wagtail snippets with drafts, revisions, workflows, locking
and preview (docs/decisions/0001-articles-as-snippets.md). The database row holds the live
version; drafts live in revisions until they are published.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .blocks import ArticleBodyBlock
from .content_changes import content_changed
from .content_keys import article_updated_in_place, articles_fanout
from .images import NewsImage, NewsRendition
from .public_pages import public_pages, reserved_section_slugs

__all__ = [
    "AccessLevel",
    "Article",
    "ArticleSlugHistory",
    "Author",
    "FrontPage",
    "FrontPageStory",
    "NewsImage",
    "NewsRendition",
    "Section",
    "Tag",
    "WireSource",
]

# An edit this long after the first publication shows as "Updated".
UPDATED_AFTER = timedelta(minutes=5)
# BCP 47 in the shape browsers take for lang (language, then subtags): "id", "pt-BR".
LANGUAGE_TAG = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z"


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the navigation, lowest first."
    )

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_pages().section_url(slug=self.slug)

    def clean(self) -> None:
        if self.slug in reserved_section_slugs():
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself."})


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text='e.g. "Staff writer".')
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_pages().author_url(slug=self.slug)


class WireSource(models.Model):
    """A news agency whose stories the newsroom runs, e.g. Reuters."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    credit = models.CharField(
        max_length=120, help_text='How the source line reads on an article, e.g. "Reuters".'
    )
    url = models.URLField(blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_pages().tag_url(slug=self.slug)


class AccessLevel(models.TextChoices):
    FREE = "free", "Free: anyone"
    REGISTERED = "registered", "Registered: signed-in readers"
    PREMIUM = "premium", "Premium: subscribers"


# From the most open to the most closed.
_ACCESS_ORDER: list[str] = [AccessLevel.FREE, AccessLevel.REGISTERED, AccessLevel.PREMIUM]


class ArticleQuerySet(models.QuerySet["Article"]):
    @transaction.atomic  # the delete and its tombstones for the app's sync (article_events)
    def delete(self) -> tuple[int, dict[str, int]]:
        """Deletes in bulk (the back office's bulk action) log what left, as one delete does."""
        from .article_events import Reason, article_events_left

        live = list(self.filter(live=True).values_list("pk", flat=True))
        article_events_left(article_ids=live, reason=Reason.DELETED)
        return super().delete()


def _event_record(article_id: int, stood: tuple, stands: tuple, **kwargs) -> None:
    """The log of live articles for the app's sync (article_events), from two ``_live_state``s."""
    from .article_events import LiveState, article_event_record

    article_event_record(
        article_id=article_id, stood=LiveState(*stood), stands=LiveState(*stands), **kwargs
    )


class Article(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        blank=True,
        help_text="The last part of the URL, made from the headline when left empty. Changing it "
        "after publication redirects the old address.",
    )
    dek = models.TextField(
        "summary",
        max_length=500,
        help_text="The standfirst under the headline; also the search and social description.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    access_level = models.CharField(
        max_length=12, choices=AccessLevel.choices, default=AccessLevel.FREE
    )
    authors = ParentalManyToManyField(Author, blank=True, related_name="articles")
    wire_source = models.ForeignKey(
        WireSource,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="For agency copy: the source line shows the agency instead of authors.",
    )
    dateline = models.CharField(
        max_length=120,
        blank=True,
        help_text='Where the story was filed, e.g. "Islamabad, Pakistan".',
    )
    agency_byline = models.CharField(
        max_length=255,
        blank=True,
        help_text="For agency copy: the reporter as the agency names them, shown before its "
        "credit.",
    )
    text_language = models.CharField(
        max_length=35,
        blank=True,
        validators=[
            RegexValidator(
                LANGUAGE_TAG, 'A language tag such as "id", "en" or "pt-BR", or nothing.'
            )
        ],
        help_text="The language of the text when it is not the site's, as a language tag "
        '(e.g. "id", "de"): the page says so to browsers and screen readers.',
    )
    hero_image = models.ForeignKey(
        NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField(
        "hero alt text",
        max_length=255,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it. Defaults to the "
        "image's description.",
    )
    hero_caption = models.TextField(
        blank=True, help_text="Leave empty to use the image's own caption."
    )
    body = StreamField(ArticleBodyBlock())
    tags = ParentalManyToManyField(Tag, blank=True, related_name="articles")
    related_articles = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleQuerySet.as_manager()

    search_fields = [
        index.SearchField("headline", boost=4),
        index.AutocompleteField("headline"),
        index.SearchField("dek", boost=2),
        # Of the body, only what anyone may read; the whole body is ArticleText's entry.
        index.SearchField("search_text_for_everyone"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("section"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        ordering = ("-first_published_at",)
        indexes = [
            # Newest live articles first (lists, related articles), at any size of the archive.
            models.Index(
                fields=["-first_published_at", "-id"],
                condition=models.Q(live=True),
                name="article_live_newest",
            ),
            # The same within a section (section fronts and their counts, the home page).
            models.Index(
                fields=["section", "-first_published_at", "-id"],
                condition=models.Q(live=True),
                name="article_live_section_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            from .services import article_text_index

            article_text_index(article_id=self.pk)

    def search_text_for_everyone(self) -> str:
        from .search_text import text_for_everyone

        return text_for_everyone(self)

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = article_slug_available(self.headline, exclude_pk=self.pk)
        image = self.hero_image
        if image is not None and not (self.hero_alt or image.description):
            raise ValidationError(
                {"hero_alt": "Describe the hero image for readers who cannot see it."}
            )

    # --- Publication ---------------------------------------------------------------------------

    @transaction.atomic  # the change and its event for the app's sync (article_events)
    def publish(self, revision, *args, **kwargs):
        """Publish through Wagtail, remembering the old slug so its URL keeps working.

        Every publication (admin, workflow approval, scheduled publishing, wire ingestion) goes
        through here, because Wagtail's ``Revision.publish`` calls it.
        """
        from .services import article_slug_history_record

        # The live slug as stored: ``self`` may already carry the revision's new values.
        old_slug = (
            Article.objects.filter(pk=self.pk, live=True).values_list("slug", flat=True).first()
        )
        # The pages of the story as it stood and as it stands: a new section, tag or author
        # gains it, an old one loses it (decision 0017).
        before = articles_fanout([self.pk]) if self.pk else frozenset()
        stood = self._live_state()
        listed = self._list_state()
        result = super().publish(revision, *args, **kwargs)
        if old_slug:
            article_slug_history_record(article_id=self.pk, old_slug=old_slug)
        # As stored now: Wagtail saves the revision's own copy of the article, not ``self``, and
        # a revision scheduled for later changes nothing readers see yet.
        stands = self._live_state()
        _event_record(self.pk, stood, stands)
        if stands != stood:
            # Access raised (a free story now for subscribers): no stale copy may show it free.
            raised = (
                stood[0]
                and stands[0]
                and _ACCESS_ORDER.index(stands[2]) > _ACCESS_ORDER.index(stood[2])
            )
            if stood[0] and stands[0] and self._list_state() == listed:
                # In the same lists, in the same place: the lists take its new card.
                keys = article_updated_in_place(self.pk, section_slug=listed[0])
            else:
                keys = before | articles_fanout([self.pk])
            content_changed(keys, hard=bool(raised))
        return result

    def _list_state(self) -> tuple[str, datetime | None, frozenset[int], frozenset[int]]:
        """Where the stored article stands in lists: its section, its time of first
        publication (the lists' order), its tags and its authors."""
        found = (
            Article.objects.filter(pk=self.pk)
            .values_list("section__slug", "first_published_at")
            .first()
        )
        if found is None:
            return ("", None, frozenset(), frozenset())
        tags = Article.tags.through.objects.filter(article_id=self.pk)
        authors = Article.authors.through.objects.filter(article_id=self.pk)
        return (
            found[0],
            found[1],
            frozenset(tags.values_list("tag_id", flat=True)),
            frozenset(authors.values_list("author_id", flat=True)),
        )

    def _live_state(self) -> tuple[bool, int | None, str]:
        """Whether the stored article is live, with which revision and access level."""
        found = (
            Article.objects.filter(pk=self.pk)
            .values_list("live", "live_revision_id", "access_level")
            .first()
        )
        return found if found is not None else (False, None, "")

    @transaction.atomic  # the change and its event for the app's sync (article_events)
    def unpublish(self, *args, left_because: str = "", **kwargs):
        """Unpublish through Wagtail (the admin, expiry in ``publish_scheduled``, a wire kill,
        which says why: ``left_because``, an ``ArticleEvent.Reason``)."""
        keys = articles_fanout([self.pk])
        stood = self._live_state()
        result = super().unpublish(*args, **kwargs)
        expired = kwargs.get("set_expired", args[0] if args else False)
        reasons = ArticleEvent.Reason
        because = left_because or (reasons.EXPIRED if expired else reasons.UNPUBLISHED)
        _event_record(self.pk, stood, self._live_state(), left_because=because)
        content_changed(keys, hard=True)  # withdrawn: no stale copy may show it again
        return result

    @transaction.atomic  # the delete and its tombstone for the app's sync (article_events)
    def delete(self, *args, **kwargs):
        from .article_events import Reason, article_events_left

        if self.pk is not None:
            live = Article.objects.filter(pk=self.pk, live=True).values_list("pk", flat=True)
            article_events_left(article_ids=list(live), reason=Reason.DELETED)
        return super().delete(*args, **kwargs)

    @property
    def approved_schedule(self) -> bool:
        # The back office's article listing annotates it (wagtail_hooks.ArticleViewSet), as
        # Wagtail's page listing does for pages: one query for the list, not one a row.
        if hasattr(self, "_approved_schedule"):
            return self._approved_schedule
        return super().approved_schedule

    def local_published_at(self) -> datetime | None:
        if self.first_published_at is None:
            return None
        return timezone.localtime(self.first_published_at)

    def updated_at(self) -> datetime | None:
        """The last publication, when it came long enough after the first to say "Updated"."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first >= UPDATED_AFTER:
            return timezone.localtime(last)
        return None

    def get_absolute_url(self) -> str:
        published = self.local_published_at()
        if published is None:
            return ""
        return public_pages().article_url(
            section=self.section.slug, published=published, slug=self.slug
        )

    def get_print_url(self) -> str:
        published = self.local_published_at()
        if published is None:
            return ""
        return public_pages().article_print_url(
            section=self.section.slug, published=published, slug=self.slug
        )

    def source_names(self) -> list[str]:
        if self.wire_source is not None:
            return [self.wire_source.credit]
        return [author.name for author in self.authors.all()]

    @property
    def hero_alt_text(self) -> str:
        if self.hero_alt:
            return self.hero_alt
        return self.hero_image.description if self.hero_image else ""

    @property
    def hero_caption_text(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""

    # --- Preview (Wagtail) ---------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return public_pages().preview_template()

    def get_preview_context(self, request, mode_name):
        # Previews render the public page, as the channel that owns it registered it.
        return public_pages().preview_context(article=self, request=request)


class ArticleSlugHistory(models.Model):
    """A slug an article was published under before; its old URLs redirect to the new one."""

    slug = models.SlugField(max_length=140, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "article slug history"

    def __str__(self) -> str:
        return f"{self.slug} → {self.article_id}"


class ArticleText(index.Indexed, models.Model):
    """An article's whole body as its own entry in the search index, apart from the article's
    entry, which holds only what anyone may read (search_text.py). Search looks here only for
    articles the reader may read whole. ``Article.save`` keeps it (services.article_text_index).
    """

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )

    search_fields = [index.SearchField("whole_text"), index.FilterField("article")]

    def __str__(self) -> str:
        return f"whole text of article {self.article_id}"

    @classmethod
    def get_indexed_objects(cls):
        # A free article's whole text is its own entry's already, and search never looks here
        # for it (selectors.article_search): no second copy in the index.
        return (
            super()
            .get_indexed_objects()
            .select_related("article")
            .exclude(article__access_level=AccessLevel.FREE)
        )

    def whole_text(self) -> str:
        from .search_text import whole_text

        return whole_text(self.article)


class FrontPage(ClusterableModel):
    """The editors' choice of top stories for the home page (the first one is the lead)."""

    name = models.CharField(max_length=80, default="Home page", unique=True)

    class Meta:
        verbose_name = "front page"

    def __str__(self) -> str:
        return self.name


class FrontPageStory(Orderable):
    front_page = ParentalKey(FrontPage, on_delete=models.CASCADE, related_name="stories")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta(Orderable.Meta):
        verbose_name = "top story"


def article_slug_available(headline: str, *, exclude_pk: int | None = None) -> str:
    """A slug made from the headline that no other article (or old URL) uses yet."""
    base = slugify(headline)[:120].strip("-") or "article"
    candidate, n = base, 1
    articles = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    history = ArticleSlugHistory.objects.all()
    if exclude_pk:
        history = history.exclude(article_id=exclude_pk)
    while articles.filter(slug=candidate).exists() or history.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class ContentChange(models.Model):
    """A key of the pages a change made stale (``content_changes.py``): one row per key and
    change, numbered in the order they were written. It lives in the database so that every
    process sees it: web workers, the background worker and ``manage.py`` commands, on one
    machine or several, with or without a shared cache."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)
    # No reader may get the old copy again, not even while the new one is rendered.
    hard = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.key} changed ({self.pk})"


class ArticleEvent(models.Model):
    """An article arrived in, changed in or left the set of live articles: the app's delta
    sync reads these in order (``article_events.py``, decision 0021). Written in the same
    transaction as the change; ``seq`` is given after the commit, in the order the rows became
    visible, so that no reader ever sees a number before a smaller one."""

    class Kind(models.TextChoices):
        ARRIVED = "arrived"  # now live: published, embargo released, scheduled story out
        UPDATED = "updated"  # live before and after: a new version (access raised included)
        LEFT = "left"  # no longer live

    class Reason(models.TextChoices):
        """Why an article left."""

        UNPUBLISHED = "unpublished"  # by an editor
        EXPIRED = "expired"  # its expiry time came
        KILLED = "killed"  # by the agency: never to come back
        WITHHELD = "withheld"  # by the agency, for now
        DELETED = "deleted"  # the article no longer exists

    id = models.BigAutoField(primary_key=True)
    # The order the apps read: given once the row is committed (``article_events_sequence``).
    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    # Not a foreign key: a deleted article's tombstone outlives it.
    article_id = models.BigIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    reason = models.CharField(max_length=12, choices=Reason.choices, blank=True)
    # An update that raised the access level (free to registered or premium).
    access_raised = models.BooleanField(default=False)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            # The rows still waiting for their number.
            models.Index(
                fields=["id"], condition=models.Q(seq__isnull=True), name="article_event_waiting"
            ),
            models.Index(fields=["at"], name="article_event_at"),
        ]

    def __str__(self) -> str:
        return f"article {self.article_id} {self.kind} ({self.seq})"


class ArticleEventLog(models.Model):
    """The one row that numbers ``ArticleEvent``: the newest number given and the newest one
    forgotten. Numbering takes its row lock, so numbers are given in one order."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    numbered = models.BigIntegerField(default=0)  # the newest seq given
    forgotten = models.BigIntegerField(default=0)  # every seq up to this one was pruned

    def __str__(self) -> str:
        return f"article events numbered to {self.numbered}, forgotten to {self.forgotten}"
