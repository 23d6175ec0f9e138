"""Staff triage reader feedback in the back office: filter, search, move it along, export.

Nobody writes feedback by hand, so there is no "add"; the reader's words are read-only and
shown escaped like any Wagtail value (nothing here marks text safe).
"""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from warta.subscriptions.wagtail_hooks import ReadMostlyPolicy

from .models import Feedback
from .selectors import feedback_for_triage
from .services import feedback_status_set

# A spreadsheet runs a cell that starts like a formula ("=HYPERLINK(...)", "+1", "@SUM"):
# such cells get a leading apostrophe, which shows them as text (OWASP's CSV injection advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_text(value: object) -> object:
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FeedbackIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        # XLSX cells are safe already (Wagtail stores formula-like strings as text); CSV is not.
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_text(value) if export_format == self.FORMAT_CSV else value


class FeedbackFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = Feedback
        fields = ["status", "created_at"]


class FeedbackAdminForm(WagtailAdminModelForm):
    def save(self, commit: bool = True) -> Feedback:
        return feedback_status_set(
            feedback=self.instance, status=self.cleaned_data["status"], now=timezone.now()
        )


register_permission_policy(
    Feedback, ReadMostlyPolicy(Feedback, actions=frozenset({"view", "change", "delete"}))
)


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "Reader feedback"
    add_to_admin_menu = True
    menu_order = 220
    index_view_class = FeedbackIndexView
    list_display = ["excerpt", "status", "page_url", "created_at"]
    filterset_class = FeedbackFilterSet  # status, and a "received" date range
    search_fields = ["message", "page_url"]
    search_backend_name = None  # the database, not a search index
    list_per_page = 50
    list_export = ["created_at", "get_status_display", "message", "reply_email", "page_url"]
    export_headings = {
        "created_at": "Received",
        "get_status_display": "Status",
        "reply_email": "Reply e-mail",
        "page_url": "Page",
    }
    export_filename = "reader-feedback"
    inspect_view_enabled = True
    inspect_view_fields = [
        "message",
        "reply_email",
        "page_url",
        "status",
        "created_at",
        "status_changed_at",
        "user",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("status"),  # the one thing staff change
            FieldPanel("message", read_only=True),
            FieldRowPanel(
                [FieldPanel("reply_email", read_only=True), FieldPanel("page_url", read_only=True)]
            ),
            FieldRowPanel(
                [FieldPanel("created_at", read_only=True), FieldPanel("user", read_only=True)]
            ),
        ],
        base_form_class=FeedbackAdminForm,
    )

    def get_queryset(self, request):
        return feedback_for_triage()


register_snippet(FeedbackViewSet)
