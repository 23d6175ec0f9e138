from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "warta.worker"
    label = "worker"
    verbose_name = "Background worker"
