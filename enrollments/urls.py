app_name = "enrollments"

urlpatterns: list = [
    # Filled in by the learners feature (enrol, mark done, dashboard).
]
