from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "warta.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow's own decompression-bomb guard, in every process (web, worker, ingest), at the
        # library's limit: it warns above it and refuses to decode twice as many pixels.
        Image.MAX_IMAGE_PIXELS = settings.WARTA_IMAGE_MAX_PIXELS
