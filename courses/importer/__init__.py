"""Courses kept as files (Markdown lessons, YAML quizzes) and imported into Wagtail.

`read_course(folder)` reads and checks a folder; `import_course(folder, …)` writes it.
The format is described in the README ("Writing a course as files") and shown by the demo
course in `courses/content/mcmt/`.
"""

from .reader import read_course
from .source import CourseImportError, PageSource, SourceProblem
from .writer import ImportReport, import_course

__all__ = [
    "CourseImportError",
    "ImportReport",
    "PageSource",
    "SourceProblem",
    "import_course",
    "read_course",
]
