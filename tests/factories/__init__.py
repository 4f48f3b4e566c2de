from .courses import (
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    build_course,
)
from .enrollments import EnrollmentFactory, StepProgressFactory
from .payments import OrderFactory
from .quizzes import QuizPageFactory
from .users import InstructorFactory, UserFactory
from .waitlist import AnnouncementFactory, SubscriberFactory

__all__ = [
    "AnnouncementFactory",
    "CoursePageFactory",
    "EnrollmentFactory",
    "HomePageFactory",
    "InstructorFactory",
    "LessonPageFactory",
    "ModulePageFactory",
    "OrderFactory",
    "QuizPageFactory",
    "StepProgressFactory",
    "SubscriberFactory",
    "UserFactory",
    "build_course",
]
