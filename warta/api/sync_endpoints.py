"""``/sync``, the delta sync (``sync.py``, decision 0021), on its own router: ``v1.py`` mounts
it beside the others. Thin: the request's inputs to the answer, its caching to the response."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.params.functions import Query

from .cursors import CURSOR_MAX_LENGTH
from .http_caching import answered
from .sync import LIMIT_DEFAULT, LIMIT_MAX, SyncPage, sync_answer


def sync_router() -> Router:
    """A router with ``/sync`` (a new one each call: ninja attaches a router to one API)."""
    made = Router(tags=["sync"])

    @made.get("/sync", response=SyncPage, summary="Every change to the live articles since")
    def sync(
        request: HttpRequest,
        response: HttpResponse,
        since: Annotated[
            str | None,
            Query(
                None,
                max_length=CURSOR_MAX_LENGTH,
                description="`next_cursor` of the last answer; omitted: the whole set",
            ),
        ] = None,
        limit: Annotated[
            int, Query(LIMIT_DEFAULT, ge=1, description=f"At most {LIMIT_MAX}: more is read as it")
        ] = LIMIT_DEFAULT,
    ):
        """The changes since `since`, in order: `arrived` and `updated` with the article's
        card, `left` with its id and reason. Send `next_cursor` back as `since`; while `more`,
        at once. Without `since`, every live article (a snapshot). A cursor the log no longer
        covers is `410 sync_cursor_expired`: start again without `since`."""
        return answered(response, sync_answer(since=since, limit=limit))

    return made


router = sync_router()
