"""Staff see every gift in the back office and can revoke a link (nobody makes one there)."""

from django import forms
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from warta.accounts.reader_cache import reader_cache_forget
from warta.subscriptions.wagtail_hooks import ReadMostlyPolicy

from .models import Gift
from .selectors import gift_list_for_staff
from .services import gift_revoke


class GiftAdminForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        required=False,
        label="Revoke this gift link",
        help_text="The link stops opening the article at once, for every browser it admitted.",
    )

    def save(self, commit: bool = True) -> Gift:
        gift = self.instance
        if self.cleaned_data.get("revoke") and gift.revoked_at is None:
            gift_revoke(gift=gift, by=self.for_user, now=timezone.now())
        return gift


register_permission_policy(Gift, ReadMostlyPolicy(Gift, actions=frozenset({"change", "view"})))


class GiftViewSet(SnippetViewSet):
    model = Gift
    icon = "pick"
    menu_label = "Gift links"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["article", "gifter", "month", "created_at", "expires_at", "revoked_at"]
    list_filter = ["month"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("gifter", read_only=True),
            FieldPanel("article", read_only=True),
            FieldPanel("created_at", read_only=True),
            FieldPanel("expires_at", read_only=True),
            FieldPanel("revoked_at", read_only=True),
            FieldPanel("revoke"),
        ],
        base_form_class=GiftAdminForm,
    )

    def get_queryset(self, request):
        return gift_list_for_staff()


register_snippet(GiftViewSet)


@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def gifter_facts_forget(request, instance):
    """A gift changed by hand: its gifter's cached allowance goes once the edit commits."""
    if isinstance(instance, Gift):
        reader_cache_forget(instance.gifter_id)
