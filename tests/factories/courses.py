import json
from decimal import Decimal

import factory
import wagtail_factories

from courses.models import CoursePage, HomePage, LessonPage, ModulePage, Pillar


def lesson_body(words: int = 40) -> str:
    text = " ".join(["woord"] * words)
    return json.dumps(
        [
            {"type": "heading", "value": "Waar het om gaat"},
            {"type": "paragraph", "value": f"<p>{text}</p>"},
            {"type": "callout", "value": {"kind": "tip", "text": "Begin klein."}},
            {"type": "takeaways", "value": ["Eerste les", "Tweede les"]},
            {"type": "reflection", "value": {"question": "Wat neem je mee?", "guidance": ""}},
        ]
    )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Cursus {n}")
    intro = "<p>Een cursus over sociale media.</p>"
    price = Decimal("0.00")
    launch_at = None


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    pillar = Pillar.PEOPLE
    summary = "Wat deze module behandelt."


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Les {n}")
    summary = "Een korte les."
    estimated_minutes = 10
    free_preview = False
    body = factory.LazyFunction(lesson_body)


def build_course(
    home: HomePage, *, modules: int = 4, lessons_per_module: int = 3, **course_fields
) -> CoursePage:
    """A published course with one module per MCMT pillar (cycling) and its lessons."""
    course = CoursePageFactory(parent=home, **course_fields)
    pillars = list(Pillar)
    for m in range(modules):
        module = ModulePageFactory(
            parent=course, pillar=pillars[m % len(pillars)], slug=f"module-{m + 1}"
        )
        for n in range(lessons_per_module):
            LessonPageFactory(
                parent=module,
                slug=f"les-{m + 1}-{n + 1}",
                free_preview=(m == 0 and n == 0),
            )
    return course
