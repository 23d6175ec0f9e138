"""What the delta sync reads: the log after a position, live articles by id, with bounded query
counts (one query for the events, one for the articles and what their cards show)."""

from dataclasses import dataclass

from warta.newsroom.models import Article, ArticleEvent
from warta.newsroom.selectors import article_list_published


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    article_id: int
    kind: str  # an ArticleEvent.Kind
    reason: str  # an ArticleEvent.Reason, for those that left
    access_raised: bool


def events_after(*, seq: int, limit: int) -> list[LoggedEvent]:
    """Up to ``limit`` numbered events after ``seq``, in order."""
    rows = (
        ArticleEvent.objects.filter(seq__gt=seq)
        .order_by("seq")
        .values_list("seq", "article_id", "kind", "reason", "access_raised")[:limit]
    )
    return [
        LoggedEvent(seq=seq or 0, article_id=pk, kind=kind, reason=reason, access_raised=raised)
        for seq, pk, kind, reason, raised in rows  # numbered: seq is never null here
    ]


def live_articles_by_id(article_ids: list[int]) -> dict[int, Article]:
    """The live articles among ``article_ids``, with what their cards show."""
    if not article_ids:
        return {}
    found = article_list_published().filter(pk__in=article_ids).defer("body").order_by()
    return {article.pk: article for article in found}


def live_articles_after(*, pk: int, limit: int) -> list[Article]:
    """Up to ``limit`` live articles with an id above ``pk``, by id: a snapshot, a page at a
    time."""
    found = article_list_published().filter(pk__gt=pk).defer("body").order_by("pk")
    return list(found[:limit])
