from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "warta.wire"
    label = "wire"
    verbose_name = "Wire desk"
