from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "warta.accounts"
    label = "accounts"
    verbose_name = "Accounts"


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with group screens that forget their members' cached facts."""

    group_viewset = "warta.accounts.group_admin.GroupViewSet"
