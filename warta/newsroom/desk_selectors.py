"""What the back office's dashboard lists for one member of the newsroom: their drafts and their
articles awaiting review (reads only, a bounded number of queries whatever the desk's size)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Revision, WorkflowState

from .models import Article

DASHBOARD_ROWS = 10


def _for_article():
    return {
        "base_content_type": Article.get_base_content_type(),
        "object_id": Cast(OuterRef("pk"), output_field=CharField()),
    }


def article_list_drafts_by(*, user, limit: int = DASHBOARD_ROWS) -> list[Article]:
    """Articles with changes not yet published that ``user`` worked on (any revision of theirs),
    and not in review: never published, or live with a newer draft. Latest saved first."""
    theirs = Revision.objects.filter(user=user, **_for_article())
    in_review = WorkflowState.objects.active().filter(**_for_article())
    return list(
        Article.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .filter(Exists(theirs))
        .exclude(Exists(in_review))
        .select_related("section", "latest_revision")
        .order_by("-latest_revision__created_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class ArticleInReview:
    article: Article
    task_name: str
    changes_requested: bool
    since: datetime | None


def article_list_in_review_requested_by(
    *, user, limit: int = DASHBOARD_ROWS
) -> list[ArticleInReview]:
    """``user``'s articles in the review workflow (awaiting a decision, or sent back with changes
    requested), the latest step first."""
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=Article.get_base_content_type(), requested_by=user)
        .select_related("current_task_state__task")
        .order_by("-current_task_state__started_at", "-pk")[:limit]
    )
    articles = Article.objects.select_related("latest_revision").in_bulk(
        [int(state.object_id) for state in states]
    )
    rows = []
    for state in states:
        article = articles.get(int(state.object_id))
        if article is None:
            continue
        task_state = state.current_task_state
        rows.append(
            ArticleInReview(
                article=article,
                task_name=task_state.task.name if task_state else "",
                changes_requested=state.status == WorkflowState.STATUS_NEEDS_CHANGES,
                since=task_state.started_at if task_state else state.created_at,
            )
        )
    return rows
