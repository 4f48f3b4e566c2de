"""Read a course folder into checked `PageSource` objects; write nothing.

The folder (see README, "Writing a course as files"):

    course.md                 front matter (title, slug, price, instructor_…, …) + intro
    NN-slug/module.md         front matter (title, slug, pillar, summary)
    NN-slug/NN-slug.md        a lesson: front matter + Markdown body with fenced blocks
    NN-slug/NN-slug.yaml      a quiz
    images/…, files/…         pictures and downloads the pages refer to

Every problem is reported with its file and line, and all of them at once.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail import blocks as wagtail_blocks

from ..blocks import LessonBodyBlock
from ..quiz_blocks import QUESTION_KINDS, question_problems
from ..worksheets import KINDS_BY_KEY
from .markdown import MarkdownError, rich_text
from .source import (
    BlockSource,
    CourseImportError,
    MediaRef,
    PageSource,
    SourceProblem,
    YamlProblem,
    file_digest,
    line_for,
    load_yaml,
    stable_id,
)

SCENARIO = "scenario"
PILLARS = ("people", "content", "means", "time")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
NUMBERED = re.compile(r"^\d+-[a-z0-9-]+$")
IMAGE_EXTENSIONS = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
KEYED_BLOCKS = {"reflection", "worksheet"}  # blocks learners answer: their id comes from `key`
MEDIA_FIELD = {"image": ("image", "file"), "download": ("document", "file")}
FENCED_BLOCKS = (
    "callout",
    "reflection",
    "worksheet",
    "case",
    "time_budget",
    "takeaways",
    "image",
    "download",
    "video",
)

# Front matter: name -> (type, required, default). Types are checked in `_field`.
COURSE_FIELDS = {
    "title": ("str", True, None),
    "slug": ("slug", True, None),
    "price": ("decimal", False, Decimal("0.00")),
    "instructor_name": ("str", False, ""),
    "instructor_bio": ("text", False, ""),
    "what_you_will_learn": ("list", False, []),
    "search_description": ("text", False, ""),
    "cover_image": ("image", False, None),
}
MODULE_FIELDS = {
    "title": ("str", True, None),
    "slug": ("slug", True, None),
    "pillar": ("pillar", False, ""),
    "summary": ("text", True, None),
}
LESSON_FIELDS = {
    "title": ("str", True, None),
    "slug": ("slug", True, None),
    "summary": ("str", False, ""),
    "minutes": ("int", False, 10),
    "free_preview": ("bool", False, False),
    "objectives": ("list", False, []),
}
QUIZ_FIELDS = {
    "title": ("str", True, None),
    "slug": ("slug", True, None),
    "summary": ("str", False, ""),
    "intro": ("text", False, ""),
    "minutes": ("int", False, None),
    "pass_mark": ("int", False, 70),
    "max_attempts": ("int", False, None),
    "required": ("bool", False, True),
    "shuffle_questions": ("bool", False, False),
    "shuffle_answers": ("bool", False, True),
    "draw": ("int", False, None),
    "final": ("bool", False, False),
    "draw_per_module": ("int", False, None),
    "questions": ("questions", True, None),
}
MAX_LENGTH = {"title": 255, "slug": 255, "summary": 300, "instructor_name": 120}
LIST_ITEM_MAX = 200  # an outcome or an objective


def read_course(folder: Path | str) -> PageSource:
    """The course in `folder`, checked. Raises CourseImportError listing every problem."""
    reader = _Reader(Path(folder))
    course = reader.course()
    if reader.problems:
        raise CourseImportError(reader.problems)
    return course


class _Reader:
    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.problems: list[SourceProblem] = []
        self.course_slug = ""

    # --- helpers ---------------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.folder.parent).as_posix()

    def problem(self, path: Path | str, line: int | None, message: str) -> None:
        where = path if isinstance(path, str) else self.rel(path)
        self.problems.append(SourceProblem(where, line, message))

    def media(self, kind: str, written: Any, path: Path, line: int | None) -> MediaRef | None:
        folder = "images" if kind == "image" else "files"
        if not isinstance(written, str) or not written.strip():
            self.problem(path, line, f"give the {kind} as a path like {folder}/name")
            return None
        target = (self.folder / written).resolve()
        if not target.is_relative_to(self.folder / folder):
            self.problem(path, line, f"{written!r}: {kind} files live under {folder}/")
            return None
        if not target.is_file():
            self.problem(path, line, f"{written!r}: no such file")
            return None
        extension = target.suffix.lower()
        allowed = (
            IMAGE_EXTENSIONS
            if kind == "image"
            else {f".{e}" for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [])}
        )
        if allowed and extension not in allowed:
            self.problem(path, line, f"{written!r}: {extension} is not allowed for a {kind}")
            return None
        title = f"{self.course_slug}: {written}"
        return MediaRef(kind=kind, path=target, relative=written, title=title[:255])

    def front_matter(self, path: Path) -> tuple[dict, dict, list[str], int] | None:
        """(data, key lines, body lines, line number of the body's first line)."""
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problem(path, None, "not UTF-8 text")
            return None
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            self.problem(path, 1, "missing front matter: the file must start with a line '---'")
            return None
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            self.problem(path, 1, "front matter is not closed by a line '---'")
            return None
        try:
            data, key_lines = load_yaml("\n".join(lines[1:end]), first_line=2)
        except YamlProblem as error:
            self.problem(path, error.line, str(error))
            return None
        if not isinstance(data, dict):
            self.problem(path, 2, "front matter must be 'name: value' lines")
            return None
        return data, key_lines, lines[end + 1 :], end + 2

    def fields(self, path: Path, data: dict, lines: dict, spec: dict, what: str) -> dict | None:
        ok = True
        for name in data:
            if name not in spec:
                known = ", ".join(spec)
                self.problem(
                    path,
                    lines.get((name,)),
                    f"unknown field {name!r} for a {what} (fields: {known})",
                )
                ok = False
        cleaned = {}
        for name, (kind, required, default) in spec.items():
            line = lines.get((name,), 2)
            if name not in data or data[name] is None or data[name] == "":
                if required:
                    self.problem(path, line if name in data else 2, f"{what} without {name}")
                    ok = False
                cleaned[name] = default
                continue
            value, error = _field(kind, data[name], name)
            if error:
                self.problem(path, line, error)
                ok = False
            cleaned[name] = value
        return cleaned if ok else None

    # --- the course --------------------------------------------------------------------------

    def course(self) -> PageSource | None:
        path = self.folder / "course.md"
        if not self.folder.is_dir():
            self.problem(str(self.folder), None, "no such folder")
            return None
        if not path.is_file():
            self.problem(self.rel(self.folder), None, "no course.md in this folder")
            return None
        parsed = self.front_matter(path)
        course = None
        if parsed:
            data, lines, body, body_line = parsed
            cleaned = self.fields(path, data, lines, COURSE_FIELDS, "course")
            if cleaned:
                self.course_slug = cleaned["slug"]
                course = self._course_page(path, cleaned, lines, body, body_line)
        for entry in sorted(self.folder.iterdir()):
            if entry.name.startswith(".") or entry.name in {"course.md", "README.md"}:
                continue
            if entry.is_dir() and entry.name in {"images", "files"}:
                continue
            if entry.is_dir() and NUMBERED.match(entry.name):
                module = self.module(entry)
                if module and course:
                    course.children.append(module)
                continue
            self.problem(
                entry,
                None,
                "unexpected here: expected course.md, NN-slug/ module folders, images/ and files/",
            )
        if course:
            self._check_siblings(course)
            finals = [q for m in course.children for q in m.children if q.fields.get("_final")]
            if len(finals) > 1:
                for quiz in finals[1:]:
                    self.problem(
                        quiz.path, quiz.line_of.get(("final",)), "a course has one final test"
                    )
            if not course.children:
                self.problem(path, None, "the course has no modules (NN-slug/module.md)")
        return course

    def _course_page(self, path, cleaned, lines, body, body_line) -> PageSource | None:
        intro = self.prose(path, body, body_line)
        if intro is None:
            return None
        if not intro:
            self.problem(path, body_line, "the course needs an introduction below the front matter")
            return None
        media = []
        cover = None
        if cleaned["cover_image"]:
            cover = self.media("image", cleaned["cover_image"], path, lines.get(("cover_image",)))
            if cover is None:
                return None
            media.append(cover)
        outcomes = self.string_list(path, lines, "what_you_will_learn", cleaned)
        if outcomes is None:
            return None
        fields = {
            "title": cleaned["title"],
            "intro": intro,
            "price": cleaned["price"],
            "instructor_name": cleaned["instructor_name"],
            "instructor_bio": cleaned["instructor_bio"],
            "search_description": cleaned["search_description"],
            "what_you_will_learn": [
                {
                    "type": "outcome",
                    "value": text,
                    "id": stable_id(self.course_slug, "outcome", str(n)),
                }
                for n, text in enumerate(outcomes)
            ],
        }
        page = PageSource(
            kind="course",
            path=self.rel(path),
            line_of=lines,
            slug=cleaned["slug"],
            title=cleaned["title"],
            fields=fields,
            digest=file_digest(path, media),
            media=media,
        )
        page.fields["_cover"] = cover
        return page

    def string_list(self, path, lines, name, cleaned) -> list[str] | None:
        items = cleaned[name]
        ok = True
        for index, item in enumerate(items):
            line = line_for(lines, (name, index))
            if not isinstance(item, str) or not item.strip():
                self.problem(path, line, f"{name}: every item is a line of text")
                ok = False
            elif len(item) > LIST_ITEM_MAX:
                self.problem(path, line, f"{name}: at most {LIST_ITEM_MAX} characters per item")
                ok = False
        return [i.strip() for i in items] if ok else None

    def _check_siblings(self, parent: PageSource) -> None:
        seen: dict[str, str] = {}
        for child in parent.children:
            if child.slug in seen:
                self.problem(
                    child.path,
                    child.line_of.get(("slug",)),
                    f"slug {child.slug!r} is also used by {seen[child.slug]}",
                )
            seen.setdefault(child.slug, child.path)
            self._check_siblings(child)

    # --- modules -----------------------------------------------------------------------------

    def module(self, folder: Path) -> PageSource | None:
        path = folder / "module.md"
        if not path.is_file():
            self.problem(folder, None, "a module folder needs a module.md")
            return None
        parsed = self.front_matter(path)
        if not parsed:
            return None
        data, lines, body, body_line = parsed
        cleaned = self.fields(path, data, lines, MODULE_FIELDS, "module")
        if any(line.strip() for line in body):
            self.problem(path, body_line, "module.md holds front matter only (use summary:)")
            return None
        if not cleaned:
            return None
        module = PageSource(
            kind="module",
            path=self.rel(path),
            line_of=lines,
            slug=cleaned["slug"],
            title=cleaned["title"],
            fields={
                "title": cleaned["title"],
                "pillar": cleaned["pillar"],
                "summary": cleaned["summary"],
            },
            digest=file_digest(path),
        )
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or entry.name == "module.md":
                continue
            stem_ok = NUMBERED.match(entry.stem) is not None
            if entry.is_file() and stem_ok and entry.suffix == ".md":
                child = self.lesson(entry, module)
            elif entry.is_file() and stem_ok and entry.suffix in {".yaml", ".yml"}:
                child = self.quiz(entry, module)
            else:
                self.problem(
                    entry,
                    None,
                    "unexpected here: expected NN-slug.md lessons and NN-slug.yaml quizzes",
                )
                continue
            if child:
                module.children.append(child)
        return module

    # --- lessons -----------------------------------------------------------------------------

    def lesson(self, path: Path, module: PageSource) -> PageSource | None:
        parsed = self.front_matter(path)
        if not parsed:
            return None
        data, lines, body, body_line = parsed
        cleaned = self.fields(path, data, lines, LESSON_FIELDS, "lesson")
        if not cleaned:
            return None
        ident = (self.course_slug, module.slug, cleaned["slug"])
        blocks = self.body(path, body, body_line, ident)
        objectives = self.string_list(path, lines, "objectives", cleaned)
        if blocks is None or objectives is None:
            return None
        if not blocks:
            self.problem(path, body_line, "the lesson has no text below the front matter")
            return None
        media = [b.media for b in blocks if b.media]
        return PageSource(
            kind="lesson",
            path=self.rel(path),
            line_of=lines,
            slug=cleaned["slug"],
            title=cleaned["title"],
            fields={
                "title": cleaned["title"],
                "summary": cleaned["summary"],
                "estimated_minutes": cleaned["minutes"],
                "free_preview": cleaned["free_preview"],
                "objectives": [
                    {"type": "objective", "value": text, "id": stable_id(*ident, f"objective-{n}")}
                    for n, text in enumerate(objectives)
                ],
            },
            digest=file_digest(path, media),
            media=media,
            body_blocks=blocks,
        )

    def prose(self, path: Path, lines: list[str], first_line: int) -> str | None:
        try:
            return rich_text(lines)
        except MarkdownError as error:
            self.problem(path, first_line + error.line_offset, str(error))
            return None

    def body(self, path: Path, lines: list[str], first_line: int, ident) -> list | None:
        blocks: list[BlockSource] = []
        prose: list[str] = []
        prose_start = 0
        ok = True
        counts: dict[str, int] = {}
        keys: dict[str, int] = {}

        def next_id(block_type: str) -> str:
            counts[block_type] = counts.get(block_type, 0) + 1
            return stable_id(*ident, f"{block_type}-{counts[block_type]}")

        def flush() -> None:
            nonlocal ok
            if not any(line.strip() for line in prose):
                prose.clear()
                return
            html = self.prose(path, prose, first_line + prose_start)
            if html is None:
                ok = False
            else:
                blocks.append(
                    BlockSource("paragraph", next_id("paragraph"), html, first_line + prose_start)
                )
            prose.clear()

        index = 0
        while index < len(lines):
            line = lines[index]
            number = first_line + index
            if line.startswith("```"):
                flush()
                block_type = line[3:].strip()
                end = next(
                    (j for j in range(index + 1, len(lines)) if lines[j].strip() == "```"), None
                )
                if end is None:
                    self.problem(path, number, "this fenced block is never closed with '```'")
                    return None
                content = lines[index + 1 : end]
                block = self.fenced(path, block_type, content, number, ident, keys, next_id)
                if block is None:
                    ok = False
                else:
                    blocks.append(block)
                index = end + 1
                prose_start = index
                continue
            if line.startswith("## "):
                flush()
                text = line[3:].strip()
                if len(text) > 120:
                    self.problem(path, number, "a heading has at most 120 characters")
                    ok = False
                blocks.append(BlockSource("heading", next_id("heading"), text, number))
                prose_start = index + 1
            else:
                if not prose:
                    prose_start = index
                prose.append(line)
            index += 1
        flush()
        takeaways = [b for b in blocks if b.type == "takeaways"]
        for extra in takeaways[1:]:
            self.problem(path, extra.line, "a lesson has at most one takeaways block")
            ok = False
        return blocks if ok else None

    def fenced(self, path, block_type, content, number, ident, keys, next_id):
        if not block_type:
            self.problem(
                path,
                number,
                "a fenced block needs its block type after the ```, "
                f"one of: {', '.join(FENCED_BLOCKS)}",
            )
            return None
        if block_type not in FENCED_BLOCKS:
            self.problem(
                path,
                number,
                f"unknown block type {block_type!r} (known: {', '.join(FENCED_BLOCKS)})",
            )
            return None
        try:
            data, lines = load_yaml("\n".join(content), first_line=number + 1)
        except YamlProblem as error:
            self.problem(path, error.line, str(error))
            return None
        block = _lesson_blocks()[block_type]
        if block_type == "takeaways":
            if not isinstance(data, list) or not data:
                self.problem(path, number, "a takeaways block is a YAML list of lines ('- …')")
                return None
            block_id = next_id(block_type)
            return self._checked(path, block, block_type, data, lines, number, block_id, ident)
        if not isinstance(data, dict):
            self.problem(path, number, f"a {block_type} block holds its fields as 'name: value'")
            return None
        if block_type not in KEYED_BLOCKS:
            block_id = next_id(block_type)
        else:
            key = data.pop("key", None)
            if not isinstance(key, str) or not KEY.match(key):
                self.problem(
                    path,
                    lines.get(("key",), number),
                    f"a {block_type} block needs a key: (lower case letters, digits, -)"
                    " that stays the same when the text changes",
                )
                return None
            if key in keys:
                self.problem(
                    path, lines.get(("key",)), f"key {key!r} is also used on line {keys[key]}"
                )
                return None
            keys[key] = lines.get(("key",), number)
            block_id = stable_id(*ident, key)
        media = None
        if block_type in MEDIA_FIELD:
            field_name, written_name = MEDIA_FIELD[block_type]
            if field_name in data:
                self.problem(path, lines.get((field_name,)), f"give the file as {written_name}:")
                return None
            written = data.pop(written_name, None)
            media = self.media(
                "image" if block_type == "image" else "document",
                written,
                path,
                lines.get((written_name,), number),
            )
            if media is None:
                return None
            data[field_name] = None  # filled in by the writer
        if block_type == "worksheet" and data.get("kind") not in KINDS_BY_KEY:
            self.problem(
                path,
                lines.get(("kind",), number),
                f"unknown worksheet kind {data.get('kind')!r} (known: {', '.join(KINDS_BY_KEY)})",
            )
            return None
        checked = self._checked(path, block, block_type, data, lines, number, block_id, ident)
        if checked:
            checked.media = media
        return checked

    def _checked(self, path, block, block_type, data, lines, number, block_id, ident):
        """Unknown fields, then Wagtail's own validation of the block's value."""
        unknown = _unknown_fields(block, data, ())
        skip = {MEDIA_FIELD[block_type][0]} if block_type in MEDIA_FIELD else set()
        if unknown:
            for field_path, allowed in unknown:
                name = field_path[-1]
                self.problem(
                    path,
                    line_for(lines, field_path, number),
                    f"unknown field {name!r} in a {block_type} block "
                    f"(fields: {', '.join(allowed)})",
                )
            return None
        raw = _raw(block, data, (block_id,))
        problems = _wagtail_problems(block, raw, skip)
        if problems:
            for field_path, message in problems:
                self.problem(
                    path,
                    line_for(lines, field_path, number),
                    f"{block_type} block: {'.'.join(map(str, field_path)) or 'value'}: {message}",
                )
            return None
        return BlockSource(block_type, block_id, raw, number)

    # --- quizzes -----------------------------------------------------------------------------

    def quiz(self, path: Path, module: PageSource) -> PageSource | None:
        try:
            data, lines = load_yaml(path.read_text(encoding="utf-8"))
        except YamlProblem as error:
            self.problem(path, error.line, str(error))
            return None
        if not isinstance(data, dict):
            self.problem(path, 1, "a quiz file holds 'name: value' lines")
            return None
        cleaned = self.fields(path, data, lines, QUIZ_FIELDS, "quiz")
        if not cleaned:
            return None
        ident = (self.course_slug, module.slug, cleaned["slug"])
        keys: dict[str, int] = {}
        questions = []
        for index, raw in enumerate(cleaned["questions"]):
            question = self.question(path, raw, lines, ("questions", index), ident, keys)
            if question is None:
                return None
            questions.append(question)
        if not questions:
            self.problem(path, lines.get(("questions",)), "a quiz needs questions")
            return None
        intro = self.prose(
            path, (cleaned["intro"] or "").splitlines(), lines.get(("intro",), 1) + 1
        )
        if intro is None:
            return None
        pool = len(questions)
        if cleaned["draw"] is not None and not 1 <= cleaned["draw"] <= pool:
            self.problem(
                path,
                lines[("draw",)],
                f"draw must be between 1 and {pool}, the number of questions in the pool",
            )
            return None
        if cleaned["draw_per_module"] is not None and not cleaned["final"]:
            self.problem(
                path,
                lines[("draw_per_module",)],
                "draw_per_module is for the final test (final: true)",
            )
            return None
        if not 1 <= cleaned["pass_mark"] <= 100:
            self.problem(path, lines[("pass_mark",)], "pass_mark is a percentage, 1 to 100")
            return None
        asked = sum(len(q["questions"]) if q["type"] == SCENARIO else 1 for q in questions)
        minutes = cleaned["minutes"] or max(5, asked * 2)
        return PageSource(
            kind="quiz",
            path=self.rel(path),
            line_of=lines,
            slug=cleaned["slug"],
            title=cleaned["title"],
            fields={
                "title": cleaned["title"],
                "summary": cleaned["summary"],
                "intro": intro,
                "estimated_minutes": minutes,
                "pass_mark": cleaned["pass_mark"],
                "max_attempts": cleaned["max_attempts"],
                "required": cleaned["required"],
                "shuffle_questions": cleaned["shuffle_questions"],
                "shuffle_answers": cleaned["shuffle_answers"],
                "_questions": questions,
                "_draw": cleaned["draw"],
                "_final": cleaned["final"],
                "_draw_per_module": cleaned["draw_per_module"],
            },
            digest=file_digest(path),
        )

    def question(self, path, raw, lines, at, ident, keys, *, nested=False) -> dict | None:
        line = line_for(lines, at)
        if not isinstance(raw, dict):
            self.problem(path, line, "a question is a set of 'name: value' lines")
            return None
        kind = raw.get("type")
        kinds = QUESTION_KINDS if nested else (*QUESTION_KINDS, SCENARIO)
        if kind not in kinds:
            self.problem(
                path,
                line_for(lines, (*at, "type")),
                f"question type {kind!r} unknown (known: {', '.join(kinds)})",
            )
            return None
        allowed = (
            ("key", "type", "case", "questions")
            if kind == SCENARIO
            else ("key", "type", "text", "explanation", "answers")
        )
        for name in raw:
            if name not in allowed:
                self.problem(
                    path,
                    line_for(lines, (*at, name)),
                    f"unknown field {name!r} in a {kind} question (fields: {', '.join(allowed)})",
                )
                return None
        key = raw.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            self.problem(path, line, "every question needs a key: (lower case letters, digits, -)")
            return None
        if key in keys:
            self.problem(
                path, line_for(lines, (*at, "key")), f"key {key!r} is also used on line {keys[key]}"
            )
            return None
        keys[key] = line_for(lines, (*at, "key"))
        question = {"key": key, "type": kind, "line": line, "id": stable_id(*ident, key)}
        if kind == SCENARIO:
            case = raw.get("case")
            subs = raw.get("questions")
            if not isinstance(case, str) or not case.strip():
                self.problem(path, line, "a scenario question needs its case: text")
                return None
            if not isinstance(subs, list) or not subs:
                self.problem(path, line, "a scenario question needs its own questions:")
                return None
            question["case"] = case.strip()
            question["questions"] = []
            for index, sub in enumerate(subs):
                parsed = self.question(
                    path, sub, lines, (*at, "questions", index), ident, keys, nested=True
                )
                if parsed is None:
                    return None
                question["questions"].append(parsed)
            return question
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            self.problem(path, line, "a question without text")
            return None
        answers_raw = raw.get("answers")
        if not isinstance(answers_raw, list):
            self.problem(path, line, "a question needs answers: (a list of text/correct)")
            return None
        answers = []
        for index, answer in enumerate(answers_raw):
            answer_line = line_for(lines, (*at, "answers", index))
            if not isinstance(answer, dict) or set(answer) - {"text", "correct"}:
                self.problem(path, answer_line, "an answer has text: and, if right, correct: true")
                return None
            answer_text = answer.get("text")
            if isinstance(answer_text, (int, float)) and not isinstance(answer_text, bool):
                answer_text = str(answer_text)
            if not isinstance(answer_text, str) or not answer_text.strip():
                self.problem(path, answer_line, "an answer without text")
                return None
            if len(answer_text) > 300:
                self.problem(path, answer_line, "an answer has at most 300 characters")
                return None
            correct = answer.get("correct", False)
            if not isinstance(correct, bool):
                self.problem(path, answer_line, "correct: is true or false")
                return None
            answers.append((answer_text.strip(), correct))
        with translation.override("en"):
            problems = question_problems(kind, answers)
        if problems:
            self.problem(path, line, f"question {key!r}: {' '.join(problems)}")
            return None
        explanation = raw.get("explanation") or ""
        if not isinstance(explanation, str):
            self.problem(path, line_for(lines, (*at, "explanation")), "explanation is text")
            return None
        question.update(text=text.strip(), explanation=explanation.strip(), answers=answers)
        return question


# --- values ----------------------------------------------------------------------------------


@functools.cache
def _lesson_blocks() -> dict:
    return dict(LessonBodyBlock().child_blocks)


def _field(kind: str, value: Any, name: str) -> tuple[Any, str | None]:
    if kind in {"str", "text"}:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return None, f"{name} is text"
        value = value.strip()
        if kind == "str" and "\n" in value:
            return None, f"{name} is one line of text"
        limit = MAX_LENGTH.get(name)
        if limit and len(value) > limit:
            return None, f"{name} has at most {limit} characters"
        return value, None
    if kind == "slug":
        if not isinstance(value, str) or not SLUG.match(value):
            return None, f"{name} is lower case letters, digits and hyphens, like 'my-lesson'"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return None, f"{name} is a whole number"
        return value, None
    if kind == "bool":
        if not isinstance(value, bool):
            return None, f"{name} is true or false"
        return value, None
    if kind == "decimal":
        try:
            amount = Decimal(str(value)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            return None, f"{name} is an amount like 49.00"
        if amount < 0:
            return None, f"{name} cannot be negative"
        return amount, None
    if kind == "pillar":
        if value not in PILLARS:
            return None, f"pillar is one of {', '.join(PILLARS)}, or left out"
        return value, None
    if kind == "list":
        if not isinstance(value, list):
            return None, f"{name} is a list ('- …' lines)"
        return value, None
    if kind == "questions":
        if not isinstance(value, list):
            return None, "questions is a list of questions"
        return value, None
    if kind == "image":
        return value, None
    raise AssertionError(kind)


def _unknown_fields(block, data, path) -> list[tuple[tuple, list[str]]]:
    if isinstance(block, wagtail_blocks.StructBlock) and isinstance(data, dict):
        allowed = list(block.child_blocks)
        found = [((*path, name), allowed) for name in data if name not in block.child_blocks]
        for name, child in block.child_blocks.items():
            if name in data:
                found += _unknown_fields(child, data[name], (*path, name))
        return found
    if isinstance(block, wagtail_blocks.ListBlock) and isinstance(data, list):
        found = []
        for index, item in enumerate(data):
            found += _unknown_fields(block.child_block, item, (*path, index))
        return found
    return []


def _raw(block, value, id_parts: tuple) -> Any:
    """YAML data to the block's raw JSON form, list items with stable ids."""
    if isinstance(block, wagtail_blocks.StructBlock):
        if not isinstance(value, dict):
            return value
        return {
            name: _raw(child, value[name], (*id_parts, name))
            for name, child in block.child_blocks.items()
            if name in value
        }
    if isinstance(block, wagtail_blocks.ListBlock):
        if not isinstance(value, list):
            return value
        return [
            {
                "type": "item",
                "value": _raw(block.child_block, item, (*id_parts, str(n))),
                "id": stable_id(*id_parts, str(n)),
            }
            for n, item in enumerate(value)
        ]
    if isinstance(block, (wagtail_blocks.CharBlock, wagtail_blocks.TextBlock)):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            return value.strip()
    return value


def _wagtail_problems(block, raw, skip: set[str]) -> list[tuple[tuple, str]]:
    if isinstance(block, wagtail_blocks.StructBlock):
        if not isinstance(raw, dict):
            return [((), "expected 'name: value' fields")]
        problems = []
        for name, child in block.child_blocks.items():
            if name in skip:
                continue
            problems += [((name, *p), m) for p, m in _wagtail_problems(child, raw.get(name), set())]
        return problems
    if isinstance(block, wagtail_blocks.ListBlock):
        if not isinstance(raw, list):
            return [((), "expected a list ('- …' lines)")]
        try:
            block.clean(block.to_python(raw))
        except ValidationError as error:
            return [((), m) for m in _messages(error)]
        return []
    try:
        if raw is None:
            raw = block.get_default()
        if isinstance(block, wagtail_blocks.BooleanBlock) and not isinstance(raw, bool):
            return [((), "true or false")]
        block.clean(block.to_python(raw))
    except (ValidationError, TypeError, ValueError) as error:
        messages = _messages(error) if isinstance(error, ValidationError) else [str(error)]
        return [((), m) for m in messages]
    return []


def _messages(error: ValidationError) -> list[str]:
    with translation.override("en"):
        block_errors = getattr(error, "block_errors", None)
        found = []
        if block_errors:
            items = (
                block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
            )
            for name, inner in items:
                if inner is None:
                    continue
                found += [f"{name}: {m}" for m in _messages(inner)]
        non_block = getattr(error, "non_block_errors", None)
        if non_block:
            found += [str(m) for e in non_block for m in getattr(e, "messages", [e])]
        if not found:
            found = [str(m) for m in error.messages]
        return found
