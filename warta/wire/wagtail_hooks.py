"""The wire desk in the back office: its sources as snippets and the desk's list."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import desk_views
from .models import Source


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "download"
    menu_label = "Wire sources"
    menu_order = 110
    add_to_admin_menu = True
    list_display = ["name", "format", "section", "publish_mode", "access_level", "last_item_at"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("agency")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("time_zone")]),
        FieldRowPanel(
            [FieldPanel("section"), FieldPanel("access_level"), FieldPanel("publish_mode")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("url"),
                FieldPanel("poll_every"),
                FieldPanel("quiet_after"),
                FieldPanel("active"),
            ],
            heading="Polling",
        ),
        InlinePanel("categories", label="Agency category to section"),
    ]


register_snippet(SourceViewSet)


@hooks.register("register_admin_urls")
def desk_urls():
    return [path("wire/desk/", desk_views.desk, name="wire_desk")]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsroom.change_article")


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return DeskMenuItem("Wire desk", reverse("wire_desk"), icon_name="list-ul", order=105)
