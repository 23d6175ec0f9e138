from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "warta.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions"
