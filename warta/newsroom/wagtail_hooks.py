"""The newsroom's back office: articles and their furniture as Wagtail snippets."""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UnpublishView,
)

from .admin_forms import AuthorForm, SectionForm
from .dashboard_panels import YourArticlesInReviewPanel, YourDraftsPanel
from .models import Article, Author, FrontPage, Section, Tag, WireSource
from .services import article_unpublish

ARTICLE_NOT_SAVED_YET = "The article is kept once you save it."


class ScheduleOnTheFormMixin:
    """The publishing schedule is a tab of the article's form ("Publishing schedule"), not
    Wagtail's dialog behind the status side panel: the side panel still says what is scheduled,
    without a "Set schedule" toggle for a dialog that is not there."""

    def get_side_panels(self):
        side_panels = super().get_side_panels()  # type: ignore[misc]
        for side_panel in side_panels:
            if isinstance(side_panel, StatusSidePanel):
                side_panel.show_schedule_publishing_toggle = False
        return side_panels


class ArticleCreateView(ScheduleOnTheFormMixin, CreateView):
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


EDITED_MEANWHILE = (
    "Another editor saved this article after you opened it. Your text is kept as a new "
    "draft{not_done}; the other editor's is kept too. Compare the two, then publish the one to "
    "keep."
)
NOT_DONE = {"publish": " and was not published", "submit": " and was not sent for review"}


class ArticleEditView(ScheduleOnTheFormMixin, EditView):
    """The article's edit form, where two editors saving from the same revision lose nothing.

    Wagtail refuses an autosave made from an out-of-date revision, but a plain save, publish or
    submit from one is carried out over the newer text (which only the history keeps). Here such
    a save is kept as a draft revision instead, published and sent on to nobody, and the editor is
    told, with a link comparing their text with the other editor's: both texts are kept, and a
    person decides which one readers get.
    """

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.edited_meanwhile = (
            request.method == "POST" and not self.expects_json_response and self.is_out_of_date
        )
        if self.edited_meanwhile:
            self.newer_revision = self.latest_revision  # the other editor's
            self.asked_for: str = self.action  # type: ignore[has-type]
            self.action = "edit"  # saved as a draft revision, whatever the button was
            self.saving_as_draft = True

    def save_action(self):
        if not self.edited_meanwhile:
            return super().save_action()
        not_done = NOT_DONE.get(self.asked_for, "")
        buttons = []
        if self.new_revision is not None:
            compare = reverse(
                self.revisions_compare_url_name,
                args=(quote(self.object.pk), self.newer_revision.pk, self.new_revision.pk),
            )
            buttons.append(messages.button(compare, "Compare"))
        messages.warning(self.request, EDITED_MEANWHILE.format(not_done=not_done), buttons=buttons)
        return redirect(self.get_edit_url())


class ArticleUnpublishView(UnpublishView):
    """The "Unpublish" button goes through ``Article.unpublish``, as every other path does:
    Wagtail's own view calls its action directly, and the pages' caches and the app's sync
    (``article_events``) would not hear of it."""

    def unpublish(self):
        hook_response = self.run_hook("before_unpublish", self.request, self.object)
        if hook_response is not None:
            return hook_response
        for article in self.objects_to_unpublish:
            article_unpublish(article=article, user=self.request.user)
        return self.run_hook("after_unpublish", self.request, self.object)


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = "Articles"
    add_view_class = ArticleCreateView
    edit_view_class = ArticleEditView
    unpublish_view_class = ArticleUnpublishView
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
                            FieldPanel("agency_byline"),
                            FieldPanel("dateline"),
                            FieldPanel("text_language"),
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
            ObjectList(
                [
                    FieldPanel(
                        "go_live_at",
                        heading="Go live at",
                        help_text="Leave empty to publish at once. With a time "
                        f"({settings.TIME_ZONE}), “Publish” schedules the story for then; a "
                        "reporter's time takes effect when an editor approves.",
                    ),
                    FieldPanel(
                        "expire_at",
                        heading="Take down at",
                        help_text="Leave empty to keep the story up. With a time, the published "
                        "story comes off the site then.",
                    ),
                ],
                heading="Publishing schedule",
            ),
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


class NameFieldPanel(TitleFieldPanel):
    """The name of a section or an author, filling the slug as the editor types it (Wagtail's
    w-sync controller, as a page's title does), on the add form only: once saved, the slug is
    in a public address, and renaming leaves it alone."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("classname", "")
        kwargs.setdefault("placeholder", False)
        super().__init__(*args, **kwargs)

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return self.instance is None or self.instance.pk is None


def _slug_panel() -> FieldPanel:
    """The slug, cleaned to what a SlugField takes (ASCII: "Müller" gives "muller")."""
    return FieldPanel("slug", widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"}))


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "position"]
    edit_handler = ObjectList(
        [
            NameFieldPanel("name"),
            _slug_panel(),
            FieldPanel("description"),
            FieldPanel("position"),
        ],
        base_form_class=SectionForm,
    )


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    edit_handler = ObjectList(
        [
            NameFieldPanel("name"),
            _slug_panel(),
            FieldPanel("role"),
            FieldPanel("photo"),
            FieldPanel("bio"),
        ],
        base_form_class=AuthorForm,
    )


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
