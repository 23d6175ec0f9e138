"""The back office's dashboard panels for the newsroom (registered in wagtail_hooks.py).

"Your drafts": the member's articles with changes not yet published. "Awaiting review": those
they submitted, still in the review workflow. Editors also keep Wagtail's "Awaiting your review",
which lists what waits for their decision, with its actions.
"""

from django.template.loader import get_template
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .desk_selectors import article_list_drafts_by, article_list_in_review_requested_by


def _edit_url(article) -> str:
    return reverse("wagtailsnippets_newsroom_article:edit", args=[article.pk])


class _NewsroomPanel(Component):
    """A panel of the member's own articles; editors, who mostly review, see it only when it
    lists something (reporters always do, with a line saying it is empty)."""

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"] and self.request.user.has_perm("newsroom.publish_article"):
            return ""
        return get_template(self.template_name).render(context)


class YourDraftsPanel(_NewsroomPanel):
    name = "your_drafts"
    template_name = "newsroom/admin/your_drafts_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        drafts = article_list_drafts_by(user=self.request.user)
        return {
            "rows": [(article, _edit_url(article)) for article in drafts],
            "add_url": reverse("wagtailsnippets_newsroom_article:add"),
        }


class YourArticlesInReviewPanel(_NewsroomPanel):
    name = "your_articles_in_review"
    template_name = "newsroom/admin/your_articles_in_review_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        in_review = article_list_in_review_requested_by(user=self.request.user)
        return {"rows": [(row, _edit_url(row.article)) for row in in_review]}
