"""The one place that reads the build engine's page.file.

MkDocs and ProperDocs give each page a `file` whose `src_uri` is the Markdown file relative to docs/
('emergency.md', POSIX slashes). Zensical 0.0.73's page object had no `file`: when an engine without it is
tried, this is the one function to adapt (for example from page.url), and the build says so meanwhile.
"""
from __future__ import annotations


def source_path(page) -> str:
    """'emergency.md': the page's Markdown file, relative to docs/, with POSIX slashes."""
    file = getattr(page, "file", None)
    if file is None:
        raise ValueError(f"the build engine's page object ({type(page).__name__}) has no .file: "
                         "teach macros/pages.py where this engine keeps the page's source file")
    return file.src_uri
