from decimal import Decimal

from django.db import migrations

DEFAULT_PLANS = [
    {
        "slug": "digital",
        "name": "Digital",
        "description": "Every article on the site and in the app, and 3 gift articles a month.",
        "price": Decimal("55000"),
        "currency": "IDR",
        "period": "month",
        "gifts_per_month": 3,
        "position": 1,
    },
    {
        "slug": "digital-plus",
        "name": "Digital Plus",
        "description": "Everything in Digital, and 5 gift articles a month.",
        "price": Decimal("85000"),
        "currency": "IDR",
        "period": "month",
        "gifts_per_month": 5,
        "position": 2,
    },
]


def create_default_plans(apps, schema_editor):
    Plan = apps.get_model("subscriptions", "Plan")
    for plan in DEFAULT_PLANS:
        Plan.objects.get_or_create(slug=plan["slug"], defaults=plan)


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0001_initial")]

    operations = [migrations.RunPython(create_default_plans, migrations.RunPython.noop)]
