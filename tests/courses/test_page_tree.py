from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CoursePage, HomePage, LessonPage, ModulePage


class PageTreeRulesTest(WagtailPageTestCase):
    """An instructor cannot build a broken tree: each page type has one place."""

    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {CoursePage})

    def test_course_holds_only_modules(self):
        self.assertAllowedParentPageTypes(CoursePage, {HomePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})

    def test_module_holds_lessons_and_sits_in_a_course(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)
        self.assertCanNotCreateAt(ModulePage, CoursePage)

    def test_lesson_is_a_leaf_inside_a_module(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
