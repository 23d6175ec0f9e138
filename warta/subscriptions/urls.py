from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("subscribe/", views.plans, name="plans"),
    path("subscribe/welcome/", views.welcome, name="welcome"),
    path("subscribe/billing/", views.billing, name="billing"),
    path("subscribe/billing/development/", views.development_billing, name="development-billing"),
    path("subscribe/billing/cancel/", views.cancel, name="cancel"),
    path("subscribe/billing/plan/", views.change_plan, name="change-plan"),
    path("subscribe/<slug:slug>/", views.checkout, name="checkout"),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe-webhook"),
]
