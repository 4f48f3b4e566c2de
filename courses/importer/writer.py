"""Write a read course (`PageSource` tree) into Wagtail: create, update or leave each page.

For every page of the folder the writer decides, before writing anything:

- *create*: no page with that slug under its parent yet;
- *unchanged*: its file (and the pictures and downloads it refers to) is the same as at the
  last import: nothing is written, so a re-import makes no new revisions;
- *update*: the file changed since the last import and nobody changed the page in the admin
  since: a new revision, published when the page is live;
- *skip*: the page was changed in the admin since the last import (its latest revision is
  not the one the import made), or it was never imported (made by hand): reported, not
  overwritten, unless `force`.

`ImportedPage` keeps, per page, the file it came from, the file's hash and the revision the
import made. All writes happen in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from ..models import CoursePage, HomePage, ImportedPage, LessonPage, ModulePage, QuizPage
from .reader import SCENARIO, read_course
from .source import CourseImportError, MediaRef, PageSource, SourceProblem, stable_id

MODELS = {"course": CoursePage, "module": ModulePage, "lesson": LessonPage, "quiz": QuizPage}


# QuizPage fields and the question block of issue #15, by the name the quiz files use.
@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    course: CoursePage | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        verb = "would " if self.dry_run else ""
        out = [f"{verb}create {what}" for what in self.created]
        out += [f"{verb}update {what}" for what in self.updated]
        out += [f"skipped {what}" for what in self.skipped]
        out += [f"note: {what}" for what in self.notes]
        out.append(
            f"{len(self.created)} to create, {len(self.updated)} to update, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"
            if self.dry_run
            else f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped"
        )
        return out


@dataclass
class _Step:
    source: PageSource
    page: Page | None
    action: str  # create, update, unchanged, skip
    reason: str = ""
    children: list[_Step] = field(default_factory=list)


def import_course(
    folder: Path | str,
    *,
    parent: Page | None = None,
    dry_run: bool = False,
    force: bool = False,
    user=None,
) -> ImportReport:
    """Import or update the course in `folder` below `parent` (default: the home page).

    Raises CourseImportError (every problem, with file and line) and writes nothing when the
    folder has errors.
    """
    course = read_course(folder)
    if parent is None:
        parent = HomePage.objects.order_by("path").first()
        if parent is None:
            raise CourseImportError(
                [SourceProblem(course.path, None, "no home page to put the course under")]
            )
    report = ImportReport(dry_run=dry_run)
    plan = _plan(course, parent, force)
    _note_stale(plan, report)
    if dry_run:
        _report_plan(plan, report)
        return report
    with transaction.atomic():
        _execute(plan, parent, report, user, media_cache={})
    return report


def _walk(page: PageSource):
    yield page
    for child in page.children:
        yield from _walk(child)


def _questions_raw(page: PageSource) -> list[dict[str, Any]]:
    return [
        _scenario_raw(question) if question["type"] == SCENARIO else _question_raw(question)
        for question in page.fields["_questions"]
    ]


def _question_raw(question: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": question["type"],
        "id": question["id"],
        "value": _question_value(question),
    }


def _question_value(question: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": question["text"],
        "explanation": question["explanation"],
        "answers": [
            {
                "type": "item",
                "id": stable_id(question["id"], f"answer-{n}"),
                "value": {"text": text, "is_correct": correct},
            }
            for n, (text, correct) in enumerate(question["answers"])
        ],
    }


def _scenario_raw(question: dict[str, Any]) -> dict[str, Any]:
    """The scenario block of #15, assumed to be a StructBlock with `case` (text) and
    `questions` (a stream of single/multiple/true_false questions)."""
    from wagtail import blocks

    block = QuizPage._meta.get_field("questions").stream_block.child_blocks["scenario"]
    children = getattr(block, "child_blocks", {})
    if "case" not in children or not isinstance(children.get("questions"), blocks.StreamBlock):
        raise CourseImportError(
            [
                SourceProblem(
                    "courses/importer/writer.py",
                    None,
                    "this version's scenario question block has the fields "
                    f"{', '.join(children) or '(none)'}; the importer maps a scenario's case: "
                    "and questions: onto 'case' and a 'questions' stream: update _scenario_raw",
                )
            ]
        )
    return {
        "type": SCENARIO,
        "id": question["id"],
        "value": {
            "case": question["case"],
            "questions": [_question_raw(sub) for sub in question["questions"]],
        },
    }


# --- planning -------------------------------------------------------------------------------


def _plan(source: PageSource, parent: Page | None, force: bool) -> _Step:
    model = MODELS[source.kind]
    existing = None
    if parent is not None and parent.pk is not None:
        existing = Page.objects.child_of(parent).filter(slug=source.slug).first()
    if existing is None:
        step = _Step(source, None, "create")
    elif existing.specific_class is not model:
        step = _Step(
            source,
            None,
            "skip",
            f"a {existing.specific_class._meta.verbose_name} already has the slug "
            f"{source.slug!r} there",
        )
        return step
    else:
        page = existing.specific
        record = ImportedPage.objects.filter(page=page).first()
        if record is None:
            action, reason = ("update", "") if force else ("skip", "it was not made by an import")
        elif page.latest_revision_id != record.revision_id and not force:
            action, reason = "skip", "it was changed in the admin since the last import"
        elif record.source_hash == source.digest and page.latest_revision_id == record.revision_id:
            action, reason = "unchanged", ""
        else:
            action, reason = "update", ""
        step = _Step(source, page, action, reason)
    child_parent = step.page
    for child in source.children:
        step.children.append(_plan(child, child_parent, force))
    return step


def _describe(step: _Step) -> str:
    return f"{step.source.label} ({step.source.path})"


def _report_plan(step: _Step, report: ImportReport) -> None:
    what = _describe(step)
    if step.action == "create":
        report.created.append(what)
    elif step.action == "update":
        report.updated.append(what)
    elif step.action == "unchanged":
        report.unchanged.append(what)
    else:
        report.skipped.append(f"{what}: {step.reason}")
    for child in step.children:
        _report_plan(child, report)


def _note_stale(step: _Step, report: ImportReport) -> None:
    """Pages below an imported page that the folder no longer has: left alone, but said."""
    if step.page is None:
        return
    slugs = {child.source.slug for child in step.children}
    if step.source.kind in {"course", "module"}:
        for page in Page.objects.child_of(step.page).order_by("path"):
            if page.slug not in slugs:
                report.notes.append(
                    f"{page.title!r} ({page.url_path}) is not in the folder: left as it is"
                )
    for child in step.children:
        _note_stale(child, report)


# --- writing --------------------------------------------------------------------------------


def _execute(step, parent, report, user, media_cache, next_sibling=None) -> None:
    source = step.source
    what = _describe(step)
    page = step.page
    if step.action == "skip":
        report.skipped.append(f"{what}: {step.reason}")
    elif step.action == "unchanged":
        report.unchanged.append(what)
    else:
        values = _values(source, media_cache)
        if step.action == "create":
            page = MODELS[source.kind](slug=source.slug, **values)
            parent.add_child(instance=page)
            if next_sibling is not None:
                page.move(next_sibling, pos="left")
                page.refresh_from_db()
            revision = page.save_revision(user=user)
            revision.publish(user=user)
            report.created.append(what)
        else:
            for name, value in values.items():
                setattr(page, name, value)
            revision = page.save_revision(user=user)
            if page.live:
                revision.publish(user=user)
            report.updated.append(what)
        ImportedPage.objects.update_or_create(
            page=page,
            defaults={"source": source.path, "source_hash": source.digest, "revision": revision},
        )
        step.page = page
    if page is None:
        return
    if source.kind == "course":
        report.course = page
    for index, child in enumerate(step.children):
        later = next((s.page for s in step.children[index + 1 :] if s.page is not None), None)
        _execute(child, page, report, user, media_cache, next_sibling=later)


def _values(source: PageSource, media_cache) -> dict[str, Any]:
    values = {name: value for name, value in source.fields.items() if not name.startswith("_")}
    for name in ("what_you_will_learn", "objectives"):
        if name in values:
            values[name] = json.dumps(values[name])
    if source.kind == "course":
        cover = source.fields.get("_cover")
        values["cover_image"] = _media(cover, media_cache) if cover else None
    if source.kind == "lesson":
        body = []
        for block in source.body_blocks:
            value = block.value
            if block.media is not None:
                value = dict(value)
                media_field = "image" if block.type == "image" else "document"
                value[media_field] = _media(block.media, media_cache).pk
            body.append({"type": block.type, "value": value, "id": block.id})
        values["body"] = json.dumps(body)
    if source.kind == "quiz":
        values["questions"] = json.dumps(_questions_raw(source))
        values["draw_count"] = source.fields["_draw"]
        values["is_final_test"] = bool(source.fields["_final"])
        values["draw_per_module"] = source.fields["_draw_per_module"]
    return values


def _media(ref: MediaRef, cache: dict[str, Any]):
    """The image or document with this file's content: found by its hash, else created."""
    model = get_image_model() if ref.kind == "image" else get_document_model()
    data = ref.data
    sha1 = ref.sha1
    key = f"{ref.kind}:{sha1}"
    if key in cache:
        return cache[key]
    found = model.objects.filter(file_hash=sha1).order_by("pk").first()
    if found is None:
        found = model(title=ref.title)
        found.file.save(ref.path.name, ContentFile(data), save=False)
        if ref.kind == "image":  # Willow reads the size, also of an SVG
            found.width, found.height = found.file.get_image_dimensions()
        found.file_size = len(data)
        found.file_hash = sha1
        found.save()
    cache[key] = found
    return found
