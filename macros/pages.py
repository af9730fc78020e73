"""The one place that reads the build engine's page.file.

MkDocs and ProperDocs give each page a `file` whose `src_path` is the Markdown file relative to docs/
('emergency.md'; returned here with POSIX slashes). Zensical 0.0.73's page object had no `file`: when an
engine without it is tried, this is the one function to adapt (for example from page.url), and until then
the build stops here with one line.
"""
from __future__ import annotations

from pathlib import PurePath


def source_path(page) -> str:
    """'emergency.md': the page's Markdown file, relative to docs/, with POSIX slashes."""
    file = getattr(page, "file", None)
    if file is None:
        raise ValueError(f"the build engine's page object ({type(page).__name__}) has no .file: "
                         "teach macros/pages.py where this engine keeps the page's source file")
    return PurePath(file.src_path).as_posix()  # src_path has the system's slashes


def page_slug(src_path: str) -> str:
    """'maintenance.md' -> 'maintenance', 'index.md' -> 'home', 'a/b.md' -> 'a-b'. Prefixes a page's element ids,
    so pages joined on the combined print page never share one."""
    stem = PurePath(src_path).as_posix().removesuffix(".md")
    if stem == "index":
        return "home"
    return "".join(ch if ch.isalnum() else "-" for ch in stem.lower()).strip("-") or "page"
