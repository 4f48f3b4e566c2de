app_name = "waitlist"

urlpatterns: list = [
    # Filled in by the waitlist feature (signup, confirm, unsubscribe).
]
