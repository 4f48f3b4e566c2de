"""Seeding the demo course "Sociale media succesvol zakelijk inzetten": its pages only
(the demo's accounts and progress are `lms.demo`'s).

The course text lives in files (courses/content/mcmt) and is loaded by the course importer
(courses/importer), which creates what is missing, updates a page only when its file
changed, and leaves pages edited in the admin alone. A second run creates nothing and
publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page, Site

from .importer import import_course
from .models import CoursePage, HomePage

DEMO_COURSE_DIR = Path(__file__).resolve().parent / "content" / "mcmt"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # full sentences: "updated lesson …"

    def add(self, what: str) -> None:
        self.created.append(what)


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _home_page(report: SeedReport) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="MCMT Academie",
            slug="mcmt-home",
            intro="<p>Praktische online cursussen over sociale media op het werk.</p>",
        )
    )
    _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    # Wagtail's stock "Welcome" page is no longer reachable; remove it so the tree is clean.
    if old_root is not None and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    report.add("home page")
    return home


def _course(home: HomePage, report: SeedReport) -> CoursePage:
    """The demo course from its files, through the same importer an academy uses: a second
    run finds every file unchanged and writes nothing."""
    result = import_course(DEMO_COURSE_DIR, parent=home)
    report.created += result.created
    report.changed += [f"updated {what}" for what in result.updated]
    report.changed += [f"skipped {what}" for what in result.skipped]
    return result.course


def _set_launch(course: CoursePage, minutes: int, report: SeedReport) -> None:
    """Open the course `minutes` from now, to watch the waitlist turn into the launch mail."""
    from django.utils import timezone

    course.launch_at = timezone.now() + timezone.timedelta(minutes=minutes)
    _publish(course)
    local = timezone.localtime(course.launch_at)  # the academy's clock, as the admin shows it
    report.changed.append(f"launch moment {local:%Y-%m-%d %H:%M %Z} (in {minutes} minutes)")


def seed_course(
    report: SeedReport | None = None, *, prelaunch_minutes: int | None = None
) -> CoursePage:
    """The home page and the demo course with its modules, lessons and quizzes."""
    report = report if report is not None else SeedReport()
    home = _home_page(report)
    course = _course(home, report)
    if prelaunch_minutes is not None:
        _set_launch(course, prelaunch_minutes, report)
    return course
