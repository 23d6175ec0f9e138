from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "warta.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"
