"""The back office for subscriptions: plans are edited by staff; subscriptions and payment events
are written by payments, so staff mostly read them.
"""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from warta.accounts.reader_cache import reader_cache_forget, reader_cache_forget_many

from .models import Plan, ProviderEvent, Subscription
from .selectors import subscription_list_for_staff, subscription_user_ids_for_plan


class ReadMostlyPolicy(ModelPermissionPolicy):
    """Nobody adds these by hand (payments do); ``actions`` lists what staff may still do."""

    def __init__(self, model, *, actions: frozenset[str]) -> None:
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


# Registered before the view sets ask for a policy (Wagtail refuses it later).
register_permission_policy(
    Subscription, ReadMostlyPolicy(Subscription, actions=frozenset({"change", "view"}))
)
register_permission_policy(
    ProviderEvent, ReadMostlyPolicy(ProviderEvent, actions=frozenset({"view"}))
)


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "tasks"
    menu_label = "Plans"
    list_display = ["name", "price", "currency", "period", "gifts_per_month", "is_active"]
    list_filter = ["is_active", "period"]
    ordering = ["position", "price"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("price"), FieldPanel("currency"), FieldPanel("period")],
            heading="Price",
        ),
        FieldPanel("gifts_per_month"),
        FieldPanel("stripe_price_id"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("position")]),
    ]


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "user"
    menu_label = "Subscriptions"
    list_display = ["user", "plan", "status", "current_period_end", "provider"]
    list_filter = ["status", "plan", "provider"]
    search_fields = ["user__username", "user__email", "provider_subscription_id"]
    search_backend_name = None  # the database, not a search index
    ordering = ["-updated_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # Staff may correct a subscription (a complimentary extension, a stuck status); the
    # provider's ids are the payment provider's to set.
    panels = [
        FieldPanel("user", read_only=True),
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("current_period_end")]),
        MultiFieldPanel(
            [
                FieldPanel("provider", read_only=True),
                FieldPanel("provider_customer_id", read_only=True),
                FieldPanel("provider_subscription_id", read_only=True),
                FieldPanel("provider_updated_at", read_only=True),
            ],
            heading="Payment provider",
        ),
    ]

    def get_queryset(self, request):
        return subscription_list_for_staff()


class ProviderEventViewSet(SnippetViewSet):
    model = ProviderEvent
    icon = "list-ul"
    menu_label = "Payment events"
    list_display = ["event_type", "event_id", "created_at", "received_at", "outcome"]
    list_filter = ["provider", "event_type"]
    search_fields = ["event_id", "event_type"]
    search_backend_name = None
    ordering = ["-received_at"]
    inspect_view_enabled = True
    copy_view_enabled = False


class SubscriptionsGroup(SnippetViewSetGroup):
    menu_label = "Subscriptions"
    menu_icon = "tasks"
    menu_order = 200
    items = (PlanViewSet, SubscriptionViewSet, ProviderEventViewSet)


register_snippet(SubscriptionsGroup)


@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def reader_facts_forget(request, instance):
    """A subscription corrected by hand, or a plan's gifts changed: its readers' cached facts
    go once the edit commits (warta/cache_table.py)."""
    if isinstance(instance, Subscription):
        reader_cache_forget(instance.user_id)
    elif isinstance(instance, Plan):
        reader_cache_forget_many(subscription_user_ids_for_plan(plan=instance))
