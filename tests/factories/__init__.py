from .courses import (
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    build_course,
)
from .users import InstructorFactory, UserFactory

__all__ = [
    "CoursePageFactory",
    "HomePageFactory",
    "InstructorFactory",
    "LessonPageFactory",
    "ModulePageFactory",
    "UserFactory",
    "build_course",
]
