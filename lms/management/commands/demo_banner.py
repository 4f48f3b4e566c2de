from django.core.management.base import BaseCommand

from courses.models import CoursePage
from lms.demo import DEMO_LOGINS


class Command(BaseCommand):
    help = "Print where the demo runs and how to log in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options) -> None:
        base = f"http://{host}:{port}"
        course = CoursePage.objects.live().first()
        lines = [
            "",
            "=" * 72,
            f"  MCMT Academie demo:   {base}/",
        ]
        if course is not None:
            lines.append(f"  The course:           {base}{course.url}")
        lines += [
            f"  Wagtail admin:        {base}/cms/",
            "  Mails sent by the demo are files in var/mail/ (one .log file per batch)",
            "",
            "  Demo logins (e-mail / password):",
        ]
        lines += [f"    {login.role:<11} {login.email} / {login.password}" for login in DEMO_LOGINS]
        lines += ["", "  Web, Celery worker and beat start below; stop them with Ctrl+C.", "=" * 72]
        self.stdout.write("\n".join(lines))
