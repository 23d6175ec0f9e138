from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "warta.worker"
    label = "worker"
    verbose_name = "Background worker"

    def ready(self) -> None:
        from . import mail_checks  # noqa: F401 - registers the deployment checks of mail
