"""Seeding the demo course "Sociale media succesvol zakelijk inzetten": its pages only
(the demo's accounts and progress are `lms.demo`'s).

Idempotent by design: every piece is looked up by its slug (pages) or title (images) and
only created when missing. A second run creates nothing, publishes nothing and leaves
instructors' edits alone.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from . import demo_content
from .models import CoursePage, HomePage, LessonPage, ModulePage
from .quiz_demo import seed_module_quiz


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

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


def _cover_image(report: SeedReport):
    """A generated cover (the four pillar colours): the demo ships no binary files."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image_model = get_image_model()
    title = "MCMT-model omslag"
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1600, 1000
    canvas = PILImage.new("RGB", (width, height), "#e8f1f5")
    draw = ImageDraw.Draw(canvas)
    colours = ["#0f766e", "#b23c0a", "#1d4ed8", "#7e22ce"]
    for index, colour in enumerate(colours[:3]):
        left = 160 + index * 440
        draw.rounded_rectangle((left, 260, left + 360, 760), radius=40, fill=colour)
    draw.rounded_rectangle((160, 800, 1440, 880), radius=30, fill=colours[3])
    draw.rounded_rectangle((160, 120, 1440, 220), radius=30, fill="#0b4f6c")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = image_model(title=title)
    image.file = ImageFile(buffer, name="mcmt-cover.png")
    image.save()
    report.add("cover image")
    return image


def _child_by_slug(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _lesson_body(blocks: list[tuple[str, object]]) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _course(home: HomePage, report: SeedReport) -> CoursePage:
    data = demo_content.COURSE
    course = _child_by_slug(home, CoursePage, data["slug"])
    if course is not None:
        return course
    course = home.add_child(
        instance=CoursePage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            cover_image=_cover_image(report),
            price=Decimal("0.00"),
            launch_at=None,
            what_you_will_learn=json.dumps(
                [{"type": "outcome", "value": text} for text in data["what_you_will_learn"]]
            ),
            instructor_name=data["instructor_name"],
            instructor_bio=data["instructor_bio"],
            search_description=(
                "Online cursus in vier delen: mensen, content, middelen en tijd. "
                "Zet sociale media doelgericht in voor je werk en je organisatie."
            ),
        )
    )
    _publish(course)
    report.add(f"course {course.title}")
    return course


def _modules(course: CoursePage, report: SeedReport) -> None:
    for module_data in demo_content.MODULES:
        module = _child_by_slug(course, ModulePage, module_data["slug"])
        if module is None:
            module = course.add_child(
                instance=ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    pillar=module_data["pillar"],
                    summary=module_data["summary"],
                )
            )
            _publish(module)
            report.add(f"module {module.title}")
        for lesson_data in module_data["lessons"]:
            if _child_by_slug(module, LessonPage, lesson_data["slug"]) is not None:
                continue
            lesson = module.add_child(
                instance=LessonPage(
                    title=lesson_data["title"],
                    slug=lesson_data["slug"],
                    summary=lesson_data.get("summary", ""),
                    estimated_minutes=lesson_data["estimated_minutes"],
                    free_preview=lesson_data.get("free_preview", False),
                    body=_lesson_body(lesson_data["body"]),
                )
            )
            _publish(lesson)
            report.add(f"lesson {lesson.title}")
        quiz = seed_module_quiz(module, module_data.get("quiz"))
        if quiz is not None:
            report.add(f"quiz {quiz.title}")


def _set_launch(course: CoursePage, minutes: int, report: SeedReport) -> None:
    """Open the course `minutes` from now, to watch the waitlist turn into the launch mail."""
    from django.utils import timezone

    course.launch_at = timezone.now() + timezone.timedelta(minutes=minutes)
    _publish(course)
    local = timezone.localtime(course.launch_at)  # the academy's clock, as the admin shows it
    report.add(f"launch moment {local:%Y-%m-%d %H:%M %Z} (in {minutes} minutes)")


def seed_course(
    report: SeedReport | None = None, *, prelaunch_minutes: int | None = None
) -> CoursePage:
    """The home page and the demo course with its modules, lessons and quizzes."""
    report = report if report is not None else SeedReport()
    home = _home_page(report)
    course = _course(home, report)
    if prelaunch_minutes is not None:
        _set_launch(course, prelaunch_minutes, report)
    _modules(course, report)
    return course
