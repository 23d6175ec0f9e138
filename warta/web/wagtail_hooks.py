"""Back-office edits that readers see empty warta's page cache (publishing does so itself)."""

from wagtail import hooks

from warta.newsroom.content_version import content_changed


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def snippet_changed(request, instance):
    # Sections, tags, desks, the front page, plans: they show on pages everywhere. Articles keep
    # their drafts out of sight until published, which empties the cache in Article.publish().
    content_changed()
