from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "warta.backups"
    label = "backups"
    verbose_name = "Backups"
