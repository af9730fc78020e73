"""The combined print page (/print_page/, which the handbook PDF is printed from) stays accessible.

mkdocs-print-site-plugin 2.9 joins every page into one. To keep ids unique it prefixes the page's key to each
<input> id and to every <label for=...>, but not to <select> or <textarea> ids, so those labels point nowhere
(axe: select-name, label-title-only). And a table or chart shown on two pages becomes two landmarks with one name
(axe: landmark-unique). This hook wraps the plugin's own fix (urls.fix_tabbed_content, run once per page) to
prefix <select>/<textarea> ids the same way, and to name each scrolling region after its chapter as well.
Markup only: no content or data logic (tests/unit/test_print_page_a11y.py).
"""
from __future__ import annotations

import html
import re

from mkdocs_print_site_plugin import urls

_ORIGINAL = urls.fix_tabbed_content
_FIELD_ID = re.compile(r'(<(?:select|textarea)\b[^>]*?\bid=")([^"]*)(")', re.I)
_REGION = re.compile(r'<[a-z][a-z0-9]*\b[^>]*\brole="region"[^>]*>', re.I)
_TITLES: dict[str, str] = {}   # page key -> chapter title, from the nav


def _text_of(page_html: str, element_id: str) -> str:
    match = re.search(rf'<([a-z0-9]+)\b[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page_html, re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split()) if match else ""


def _name_region(tag: str, page_html: str, chapter: str) -> str:
    label = re.search(r'\baria-label="([^"]*)"', tag)
    labelledby = re.search(r'\baria-labelledby="([^"]*)"', tag)
    if labelledby:
        name = " ".join(_text_of(page_html, i) for i in labelledby.group(1).split()).strip()
        tag = tag.replace(labelledby.group(0), "")
    else:
        name = html.unescape(label.group(1)) if label else ""
    if label:
        tag = tag.replace(label.group(0), "")
    full = f"{name} ({chapter})" if name else chapter
    return re.sub(r"\s*>$", "", tag).rstrip() + f' aria-label="{html.escape(full, quote=True)}">'


def fix_print_page_fields(page_html: str, page_key: str) -> str:
    page_html = _ORIGINAL(page_html, page_key)
    page_html = _FIELD_ID.sub(rf"\g<1>{page_key}-\g<2>\g<3>", page_html)
    chapter = _TITLES.get(page_key, page_key)
    return _REGION.sub(lambda m: _name_region(m.group(0), page_html, chapter), page_html)


def on_startup(command, dirty):
    urls.fix_tabbed_content = fix_print_page_fields


def on_nav(nav, config, files):
    _TITLES.clear()
    for page in nav.pages:
        _TITLES[urls.get_page_key(page.url)] = page.title
    return nav
