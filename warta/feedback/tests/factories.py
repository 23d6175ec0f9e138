import factory
from django.utils import timezone

from warta.feedback.models import Feedback


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    message = factory.Sequence(lambda n: f"Feedback number {n}: the site works well on my phone.")
    page_url = "/world/2026/01/08/story.html"
    created_at = factory.LazyFunction(timezone.now)
    client_hash = "0" * 64
