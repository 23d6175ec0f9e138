from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "warta.web"
    label = "web"
    verbose_name = "Public site"

    def ready(self) -> None:
        from warta.newsroom.public_pages import public_pages_register

        from .public_pages import WebPublicPages

        public_pages_register(WebPublicPages())
