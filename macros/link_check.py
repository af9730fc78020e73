"""Check every local link and anchor in the built HTML, including links inside raw and
macro-generated HTML, which MkDocs' own validation never sees.

Pure: give it the site folder, get back a list of problems (empty means every link resolves).
The macros' on_post_build runs it after every build; on its own, after any engine's build:

    python -m macros check-links site/       # exit 0: every link resolves; 1: broken links; 2: no site

(macros/__main__.py: `python -m macros.link_check` would work too, but Python warns that the package has
already imported the module it is asked to run.)
"""
from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# Files that `make build` adds after the HTML build (PDFs, the offline zip). The URL-contract
# test checks that they exist in the published site.
MADE_AFTER_BUILD = {"itb-handbook.pdf", "itb-handbook-offline.zip", "emergency-card.pdf", "pump-record.pdf"}
SKIP_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "blob"}
# Every attribute whose value is an address the browser fetches or opens, on any element (HTML and SVG).
# srcset and imagesrcset hold a list of candidates; <meta http-equiv="refresh"> holds one in its content.
LINK_ATTRIBUTES = {"href", "xlink:href", "src", "poster", "action", "formaction", "data-src", "data-href",
                   "background"}
URL_LIST_ATTRIBUTES = {"srcset", "imagesrcset", "data-srcset"}
DATA_ON = {"object"}  # <object data=...> (data is a plain word elsewhere)

# One pass of regular expressions per page (Python's HTMLParser took most of the check's time). What is not
# markup is taken out first: comments, and the text inside script, style, textarea and title (an
# "<a href" in a script's string is not a link); their opening tags stay, so <script src> is checked.
_NOT_MARKUP = re.compile(r"<!--.*?-->|(<(script|style|textarea|title)\b[^>]*>).*?</\2\s*>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"]+)", re.I)


class _Scan:
    """The ids (and <a name>s) a page defines and every local address it links to."""

    def __init__(self, text: str):
        self.ids: set[str] = set()
        self.links: list[str] = []
        text = _NOT_MARKUP.sub(lambda m: m.group(1) or "", text)
        for tag in _TAG.finditer(text):
            self._tag(tag.group(1).lower(), tag.group(2))

    def _tag(self, tag: str, attr_text: str) -> None:
        if not attr_text:
            return
        attrs = {}
        for m in _ATTR.finditer(attr_text):
            value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
            attrs.setdefault(m.group(1).lower(), unescape(value) if value is not None else "")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "link" and "canonical" in attrs.get("rel", ""):
            return
        for name, value in attrs.items():
            if name in LINK_ATTRIBUTES or (name == "data" and tag in DATA_ON):
                if value.strip():
                    self.links.append(value.strip())
            elif name in URL_LIST_ATTRIBUTES:
                self.links += [c.split()[0] for c in value.split(",") if c.strip()]
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found = _REFRESH_URL.match(attrs.get("content", ""))
            if found:
                self.links.append(found.group(1).strip())


def _scan(path: Path, cache: dict) -> _Scan:
    if path not in cache:
        cache[path] = _Scan(path.read_text(encoding="utf-8", errors="replace"))
    return cache[path]


def _target_file(site: Path, page: PurePosixPath, link_path: str) -> Path:
    base = PurePosixPath("/") if link_path.startswith("/") else page.parent
    joined = PurePosixPath(*(base / link_path.lstrip("/")).parts)
    parts: list[str] = []
    for part in joined.parts[1:] if joined.is_absolute() else joined.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    target = site.joinpath(*parts) if parts else site
    if link_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    site = Path(site)
    cache: dict[Path, _Scan] = {}
    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        page = PurePosixPath("/" + rel)
        for link in sorted(set(_scan(html, cache).links)):
            parts = urlsplit(link)
            if parts.scheme in SKIP_SCHEMES or parts.netloc:
                continue
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            target = html if not path else _target_file(site, page, path)
            name = PurePosixPath(path).name
            if path and name in MADE_AFTER_BUILD:
                continue
            if not target.is_file():
                problems.append(f"{rel}: link {link!r} points to a page or file that does not exist")
            elif fragment and target.suffix == ".html" and fragment not in _scan(target, cache).ids:
                problems.append(f"{rel}: link {link!r}: no element with id {fragment!r} in "
                                f"{target.relative_to(site).as_posix()}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m macros check-links SITE_DIR", file=sys.stderr)
        return 2
    site = Path(args[0])
    if not (site / "index.html").is_file():
        print(f"check-links: no index.html in {site}: build the site first", file=sys.stderr)
        return 2
    problems = broken_links(site)
    if problems:
        print(f"check-links: {len(problems)} broken link{'s' if len(problems) > 1 else ''} or anchor"
              f"{'s' if len(problems) > 1 else ''} in {site}:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"check-links: every local link and anchor in {site} resolves ({pages} pages)")
    return 0
