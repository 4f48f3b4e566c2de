"""The small Markdown a course file is written in, turned into Wagtail rich text HTML.

Only what the lesson's rich text block allows (courses/blocks.py): paragraphs, **bold**,
*italic*, [links](https://…), bulleted (`- `) and numbered (`1. `) lists, `### ` and
`#### ` sub-headings and `> ` quotes. Everything else is plain text: HTML in a course file
is escaped, never passed through.
"""

from __future__ import annotations

import re
from html import escape

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_BULLET = re.compile(r"^[-*] +")
_NUMBERED = re.compile(r"^\d+[.)] +")
_SAFE_URL = re.compile(r"^(https?://|mailto:|/|#)", re.IGNORECASE)


class MarkdownError(ValueError):
    """Raised with the offending line's offset within the text."""

    def __init__(self, message: str, line_offset: int = 0):
        super().__init__(message)
        self.line_offset = line_offset


def inline(text: str, *, line_offset: int = 0) -> str:
    """One paragraph's text: escaped, with links, bold and italic."""
    links: list[str] = []

    def keep_link(match: re.Match) -> str:
        label, url = match.group(1), match.group(2)
        if not _SAFE_URL.match(url):
            raise MarkdownError(
                f"link to {url!r}: only http(s), mailto and site-relative links are allowed",
                line_offset,
            )
        links.append(f'<a href="{escape(url, quote=True)}">{_emphasis(escape(label))}</a>')
        return f"\x00{len(links) - 1}\x00"

    text = _LINK.sub(keep_link, text)
    html = _emphasis(escape(text, quote=False))
    return re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], html)


def _emphasis(html: str) -> str:
    html = _BOLD.sub(r"<b>\1</b>", html)
    return _ITALIC.sub(r"<i>\1</i>", html)


def rich_text(lines: list[str]) -> str:
    """Markdown lines (no `## ` headings, no fences) to rich text HTML."""
    html: list[str] = []
    chunk: list[tuple[int, str]] = []

    def flush() -> None:
        if chunk:
            html.append(_chunk(chunk))
            chunk.clear()

    for offset, line in enumerate(lines):
        if line.strip():
            chunk.append((offset, line.strip()))
        else:
            flush()
    flush()
    return "".join(html)


def _chunk(chunk: list[tuple[int, str]]) -> str:
    first_offset, first = chunk[0]
    if first.startswith("#### ") or first.startswith("### "):
        level = 4 if first.startswith("#### ") else 3
        if len(chunk) > 1:
            raise MarkdownError("a sub-heading stands on a line of its own", first_offset)
        text = inline(first[level + 1 :].strip(), line_offset=first_offset)
        return f"<h{level}>{text}</h{level}>"
    if first.startswith("#"):
        raise MarkdownError(
            "headings in the body start with '## ' (a heading block), '### ' or '#### '; "
            "the page title comes from the front matter",
            first_offset,
        )
    if first.startswith(">"):
        text = " ".join(line.lstrip(">").strip() for _offset, line in chunk)
        return f"<blockquote>{inline(text, line_offset=first_offset)}</blockquote>"
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        if pattern.match(first):
            return _list(chunk, pattern, tag)
    text = " ".join(line for _offset, line in chunk)
    return f"<p>{inline(text, line_offset=first_offset)}</p>"


def _list(chunk: list[tuple[int, str]], pattern: re.Pattern, tag: str) -> str:
    items: list[tuple[int, str]] = []
    for offset, line in chunk:
        if pattern.match(line):
            items.append((offset, pattern.sub("", line, count=1)))
        elif items:  # a continuation line of the previous item
            items[-1] = (items[-1][0], f"{items[-1][1]} {line}")
    body = "".join(f"<li>{inline(text, line_offset=offset)}</li>" for offset, text in items)
    return f"<{tag}>{body}</{tag}>"
