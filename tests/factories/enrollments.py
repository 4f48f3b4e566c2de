import factory

from enrollments.models import Enrollment, StepProgress

from .users import UserFactory


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    source = Enrollment.Source.FREE
    status = Enrollment.Status.ACTIVE
    # course: pass one (CoursePage)


class StepProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepProgress
