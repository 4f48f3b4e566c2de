from django.conf import settings
from django.core.management.base import BaseCommand

from lms.demo import DEMO_LOGINS, seed_demo


class Command(BaseCommand):
    help = (
        "Create the demo course with its modules, lessons and quizzes (idempotent). The demo "
        "accounts, whose passwords are public, are made only with DEBUG on or --demo-accounts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--prelaunch-minutes",
            type=int,
            default=None,
            help="Set the course's launch moment N minutes from now (to demo the waitlist).",
        )
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Also create the demo accounts with DEBUG off (never on a public site).",
        )

    def handle(self, *args, **options) -> None:
        accounts = settings.DEBUG or options["demo_accounts"]
        if options["demo_accounts"] and not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    "WARNING: creating demo accounts whose passwords are published in the "
                    "README. Never do this on a site that others can reach."
                )
            )
        report = seed_demo(accounts=accounts, prelaunch_minutes=options["prelaunch_minutes"])
        if options["verbosity"] == 0:
            return
        if report.created or report.changed:
            for what in report.created:
                self.stdout.write(f"created {what}")
            for what in report.changed:
                self.stdout.write(what)
        else:
            self.stdout.write("demo content already present: nothing changed")
        if not accounts:
            self.stdout.write(
                "No demo accounts were made (DEBUG is off). Create your own admin with "
                "`manage.py createsuperuser`."
            )
        elif options["verbosity"] > 1:
            for login in DEMO_LOGINS:
                self.stdout.write(f"{login.role}: {login.email} / {login.password}")
