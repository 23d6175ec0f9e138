"""The newsroom's back office: articles and their furniture as Wagtail snippets."""

from django import forms
from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
)
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from .dashboard_panels import YourArticlesInReviewPanel, YourDraftsPanel
from .models import Article, Author, FrontPage, Section, Tag, WireSource

ARTICLE_NOT_SAVED_YET = "The article is kept once you save it."


class ArticleCreateView(CreateView):
    """The "Add article" form: an article exists from its first deliberate save, never before.

    Wagtail 8 autosaves editor forms, and on an add form the first autosave creates the object:
    a reporter who typed a headline and left had made a draft that took the headline's slug. The
    add form does not autosave (the edit form still does, once the article exists), and a request
    as autosave sends it (one asking for JSON) saves nothing here.
    """

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False

    def post(self, request, *args, **kwargs):
        if self.expects_json_response:
            return self.json_error_response("not_saved_yet", ARTICLE_NOT_SAVED_YET)
        return super().post(request, *args, **kwargs)


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = "Articles"
    add_view_class = ArticleCreateView
    list_display = [
        "headline",
        "section",
        "access_level",
        LiveStatusTagColumn(),
        "first_published_at",
    ]
    list_filter = ["section", "access_level", "live"]
    ordering = ["-latest_revision__created_at"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("headline"),
                    FieldPanel("dek"),
                    FieldRowPanel([FieldPanel("section"), FieldPanel("access_level")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("authors", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("wire_source"),
                            FieldPanel("dateline"),
                        ],
                        heading="Source line",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("hero_image"),
                            FieldPanel("hero_alt"),
                            FieldPanel("hero_caption"),
                        ],
                        heading="Hero image",
                    ),
                    FieldPanel("body"),
                ],
                heading="Content",
            ),
            ObjectList(
                [FieldPanel("slug"), FieldPanel("tags"), FieldPanel("related_articles")],
                heading="Tags and links",
            ),
            ObjectList([PublishingPanel()], heading="Publishing"),
        ]
    )

    def get_queryset(self, request):
        """The section, and what the status column asks of every row (a scheduled publication,
        a workflow in progress), fetched for the whole list as Wagtail's page listing does."""
        scheduled = Revision.objects.filter(
            base_content_type=Article.get_base_content_type(),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        )
        workflow_states = Prefetch(
            "_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        )
        return (
            Article.objects.select_related("section")
            .annotate(_approved_schedule=Exists(scheduled))
            .prefetch_related(workflow_states)
        )


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "position"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
    ]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]


class WireSourceViewSet(SnippetViewSet):
    model = WireSource
    icon = "globe"
    list_display = ["name", "credit"]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    search_fields = ["name"]


class FrontPageViewSet(SnippetViewSet):
    model = FrontPage
    icon = "home"
    menu_label = "Front page"
    panels = [
        FieldPanel("name"),
        InlinePanel("stories", label="Top stories (the first is the lead)"),
    ]


class NewsroomGroup(SnippetViewSetGroup):
    menu_label = "Newsroom"
    menu_icon = "doc-full-inverse"
    menu_order = 100
    items = (
        ArticleViewSet,
        FrontPageViewSet,
        SectionViewSet,
        AuthorViewSet,
        WireSourceViewSet,
        TagViewSet,
    )


register_snippet(NewsroomGroup)


@hooks.register("construct_main_menu")
def hide_page_tree(request, menu_items):
    """warta serves articles itself (docs/decisions/0001); Wagtail's page tree is not used."""
    menu_items[:] = [item for item in menu_items if item.name != "explorer"]


# Reports on the page tree alone: empty in warta, whoever asks.
PAGE_REPORTS = frozenset({"locked-pages", "aging-pages", "page-types-usage"})


@hooks.register("construct_reports_menu")
def hide_page_reports(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in PAGE_REPORTS]


# After Wagtail's own hook (which adds the page count): hooks of the same order run in the order
# of INSTALLED_APPS, where warta's apps come first.
@hooks.register("construct_homepage_summary_items", order=100)
def hide_page_count(request, summary_items):
    summary_items[:] = [item for item in summary_items if not isinstance(item, PagesSummaryItem)]


# Wagtail's dashboard panels about pages only, and its list of one's own items in a workflow
# (the newsroom's "Awaiting review" replaces it). Others' panels stay.
_PAGE_PANELS = (LockedPagesPanel, RecentEditsPanel, UserObjectsInWorkflowModerationPanel)


@hooks.register("construct_homepage_panels")
def newsroom_dashboard(request, panels):
    panels[:] = [panel for panel in panels if not isinstance(panel, _PAGE_PANELS)]
    if request.user.has_perm("newsroom.change_article"):
        panels.extend([YourDraftsPanel(request), YourArticlesInReviewPanel(request)])
