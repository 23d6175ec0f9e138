"""Back-office edits that readers see make the pages that show them stale (decision 0017).

Publishing and unpublishing an article do so themselves (``Article.publish``), so saving a draft
changes no page. What shows on nearly every page (a section's or tag's name in every card and
menu, an author's name, an agency's credit line, the plans on every paywall) empties every page,
and says so in the log.
"""

from typing import Any

from wagtail import hooks

from warta.newsroom.content_changes import content_changed, everything_changed
from warta.newsroom.content_keys import HOME, articles_fanout
from warta.newsroom.models import (
    Article,
    Author,
    FrontPage,
    FrontPageStory,
    Section,
    Tag,
    WireSource,
)
from warta.subscriptions.models import Plan

# Shown on nearly every page: names in cards, menus and bylines (an agency's credit line), the
# paywall's offers.
_EVERYWHERE = (Section, Tag, Author, WireSource, Plan)


def _instances(instance: Any) -> list[Any]:
    return list(instance) if isinstance(instance, list | tuple) else [instance]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def snippet_saved(request, instance) -> None:
    # An article's edit saves a draft (publishing is Article.publish's): no page changes.
    _changed(_instances(instance))


@hooks.register("before_delete_snippet")
def snippet_deleting(request, instances) -> None:
    # Named before (once deleted, an article's section, tags and authors are gone with it),
    # told after: the hook runs outside the deletion's transaction, and a page rendered in
    # between would be kept as fresh. Only for the deletion itself, not its confirmation page.
    if request.method != "POST":
        return
    found = _instances(instances)
    live = [i.pk for i in found if isinstance(i, Article) and i.live]
    request.warta_deleted_keys = articles_fanout(live) if live else frozenset()


@hooks.register("after_delete_snippet")
def snippet_deleted(request, instances) -> None:
    keys: frozenset[str] = getattr(request, "warta_deleted_keys", frozenset())
    if keys:
        content_changed(keys, hard=True)  # withdrawn: no stale copy may show it again
    _changed(_instances(instances))


def _changed(instances: list[Any]) -> None:
    if any(isinstance(i, FrontPage | FrontPageStory) for i in instances):
        content_changed([HOME])
    everywhere = sorted({type(i).__name__ for i in instances if isinstance(i, _EVERYWHERE)})
    if everywhere:
        everything_changed(f"{', '.join(everywhere)} edited in the back office")
