"""What a course folder holds, read and checked, before anything touches the database.

The reader (reader.py) turns files into these plain objects; the writer (writer.py) turns
them into Wagtail pages. Every problem is a `SourceProblem` naming the file and line, and the
reader collects all of them before it gives up, so an author fixes a folder in one pass.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Block and question ids are uuid5 values in this namespace, from "<course>/<page path>/<key>":
# the same key in the same page gives the same id on every import, so answers learners gave
# to a block stay tied to it when its text is edited and re-imported.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mcmt.example/course-import")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


@dataclass(frozen=True)
class SourceProblem:
    path: str  # relative to the folder's parent, e.g. "mcmt/01-mensen/02-doelgroep.md"
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class CourseImportError(Exception):
    """The folder cannot be imported; nothing was written. `problems` lists every reason."""

    def __init__(self, problems: list[SourceProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class MediaRef:
    """An image or document file the course refers to (images/…, files/…)."""

    kind: str  # "image" or "document"
    path: Path
    relative: str  # as written in the course file
    title: str

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def sha1(self) -> str:
        # Not a security use: Wagtail's file_hash is SHA-1 and this matches against it.
        return hashlib.sha1(self.data, usedforsecurity=False).hexdigest()


@dataclass
class BlockSource:
    """One lesson body block: its raw StreamField value with media still as references."""

    type: str
    id: str
    value: Any
    line: int
    media: MediaRef | None = None


@dataclass
class PageSource:
    kind: str  # "course", "module", "lesson", "quiz"
    path: str  # the file, relative to the folder's parent
    line_of: dict[tuple, int]  # front matter key path -> line
    slug: str
    title: str
    fields: dict[str, Any]  # model field values, StreamFields as raw JSON-ready lists
    digest: str  # hash of the file and every media file it refers to
    media: list[MediaRef] = field(default_factory=list)
    children: list[PageSource] = field(default_factory=list)
    body_blocks: list[BlockSource] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.title}"


def file_digest(path: Path, media: list[MediaRef] = ()) -> str:
    digest = hashlib.sha256(path.read_bytes())
    for ref in sorted(media, key=lambda r: r.relative):
        digest.update(ref.relative.encode())
        digest.update(ref.data)
    return digest.hexdigest()


# --- YAML with line numbers ---------------------------------------------------------------


class YamlProblem(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load_yaml(text: str, *, first_line: int = 1) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML (safe subset) and say on which line every key and list item starts.

    Returns (data, lines) where `lines[("questions", 2, "answers")]` is the 1-based file line
    of that key, given that the text starts on `first_line` of its file.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise YamlProblem(f"YAML error: {problem}", line) from error
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines, first_line)
    return data, lines


def _walk(node, path: tuple, lines: dict[tuple, int], first_line: int) -> None:
    lines.setdefault(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = first_line + key_node.start_mark.line
            _walk(value_node, (*path, key), lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, first_line)


def line_for(lines: dict[tuple, int], path: tuple, default: int | None = None) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)
