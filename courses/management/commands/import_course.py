from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from courses.importer import CourseImportError, import_course


class Command(BaseCommand):
    help = (
        "Import or update a course from a folder of Markdown lessons and YAML quizzes "
        "(see the README, 'Writing a course as files'). Pages edited in the admin since the "
        "last import are reported and left alone unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="the course folder (holds course.md)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the folder and say what would change"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also overwrite pages changed in the admin, or not made by an import",
        )
        parser.add_argument(
            "--parent", type=int, default=None, help="id of the page to put the course under"
        )

    def handle(self, *args, **options) -> None:
        parent = None
        if options["parent"] is not None:
            parent = Page.objects.filter(pk=options["parent"]).first()
            if parent is None:
                raise CommandError(f"no page with id {options['parent']}")
        try:
            report = import_course(
                options["folder"],
                parent=parent,
                dry_run=options["dry_run"],
                force=options["force"],
            )
        except CourseImportError as error:
            count = len(error.problems)
            raise CommandError(
                f"nothing imported: {count} problem{'s' if count != 1 else ''}\n{error}"
            ) from error
        if options["verbosity"] == 0:
            return
        for line in report.lines():
            self.stdout.write(line)
