from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "warta.gifts"
    label = "gifts"
    verbose_name = "Gift articles"
