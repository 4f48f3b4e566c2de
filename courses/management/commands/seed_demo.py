from django.core.management.base import BaseCommand

from courses.demo import DEMO_LOGINS, seed_demo


class Command(BaseCommand):
    help = "Create the demo course, its modules and lessons, and the demo accounts (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--prelaunch-minutes",
            type=int,
            default=None,
            help="Set the course's launch moment N minutes from now (to demo the waitlist).",
        )

    def handle(self, *args, **options) -> None:
        report = seed_demo(prelaunch_minutes=options["prelaunch_minutes"])
        if options["verbosity"] == 0:
            return
        if report.created:
            for what in report.created:
                self.stdout.write(f"created {what}")
        else:
            self.stdout.write("demo content already present: nothing changed")
        if options["verbosity"] > 1:
            for login in DEMO_LOGINS:
                self.stdout.write(f"{login.role}: {login.email} / {login.password}")
