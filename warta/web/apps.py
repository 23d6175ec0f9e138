from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "warta.web"
    label = "web"
    verbose_name = "Public site"
