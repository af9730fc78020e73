"""Build-speed and page-weight hook (no content or data logic here).

1. The site stylesheet: `stylesheets/site.css`, the one stylesheet every page loads (mkdocs.yml extra_css),
   is made here from SITE_CSS (the site's own look, and print.css, which applies to every page on screen
   and in print), joined in that order and minified. print.css is cut in two at PRINT_START: its screen
   part (section 1) goes into site.css; the rest, rules for paper only (every one inside `@media print`),
   into `stylesheets/site-print.css`, which overrides/main.html links right after site.css with
   media="print": the same rules in the same order, but the browser does not wait for them before it draws
   the page (Lighthouse: render-blocking resources).
2. print-site's `js/print-site.js` (it builds the contents of the combined print page) is taken out of the
   list every page loads; overrides/main.html links it on the print page only.
3. The project's own stylesheets and scripts (docs/stylesheets/*.css, docs/javascripts/*.js) are written
   minified (rcssmin, rjsmin; pinned in requirements.txt). Vendored files (docs/assets/vendor) are left as
   they are. Which page loads which file is decided in macros/assets.py.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.structure.files import File, Files

SITE_CSS_URI = "stylesheets/site.css"
SITE_CSS = ("stylesheets/extra.css", "stylesheets/print.css")
PRINT_CSS_URI = "stylesheets/site-print.css"
PRINT_CSS_FROM = "stylesheets/print.css"
PRINT_START = "/* ---------- 2. Print"  # print.css from here on holds only @media print rules


def split_print_css(text: str) -> tuple[str, str]:
    """(screen part, paper part) of print.css, both minified. The paper part: the top-level `@media print`
    and `@page` blocks from PRINT_START on. Everything else (section 1, and the few rules for the screen
    further down) stays with the screen part, in its order."""
    at = text.find(PRINT_START)
    if at < 0:
        raise ValueError(f"hooks/minify_assets.py: docs/{PRINT_CSS_FROM} has no line starting {PRINT_START!r}")
    screen, paper = [rcssmin.cssmin(text[:at])], []
    for block in _top_level_blocks(rcssmin.cssmin(text[at:])):
        (paper if block.startswith(("@media print", "@page")) else screen).append(block)
    return "".join(screen), "".join(paper)


def _top_level_blocks(css: str) -> list[str]:
    """Minified CSS cut into its top-level rules and at-rule blocks ('a{x}', '@media print{b{y}}')."""
    blocks, depth, start, quote = [], 0, 0, ""
    for i, ch in enumerate(css):
        if quote:
            quote = "" if ch == quote and css[i - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start:i + 1])
                start = i + 1
        elif ch == ";" and depth == 0:  # @charset / @import
            blocks.append(css[start:i + 1])
            start = i + 1
    if css[start:].strip():
        blocks.append(css[start:])
    return blocks


PRINT_SITE_JS = "js/print-site.js"


def on_config(config):
    # Hooks run after the plugins, so print-site has already added its script here.
    config["extra_javascript"] = [s for s in config["extra_javascript"] if str(s) != PRINT_SITE_JS]
    return config


def minify(src_uri: str, text: str) -> str:
    if src_uri.endswith(".css"):
        return rcssmin.cssmin(text)
    if src_uri.endswith(".js"):
        return rjsmin.jsmin(text)
    return text


def _ours(file: File) -> bool:
    uri = file.src_uri
    return file.abs_src_path is not None and (
        (uri.startswith("stylesheets/") and uri.endswith(".css")) or
        (uri.startswith("javascripts/") and uri.endswith(".js")))


def on_files(files: Files, config) -> Files:
    by_uri = {f.src_uri: f for f in files}
    missing = [uri for uri in SITE_CSS if uri not in by_uri]
    if missing:
        raise ValueError(f"hooks/minify_assets.py: {', '.join(missing)} not found in docs/")
    parts, print_css = [], ""
    for uri in SITE_CSS:
        text = Path(by_uri[uri].abs_src_path).read_text(encoding="utf-8")
        if uri == PRINT_CSS_FROM:
            text, print_css = split_print_css(text)
        parts.append(text)
    site_css = "\n".join(parts)
    for file in [f for f in files if _ours(f)]:
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minify(file.src_uri, text)))
    for uri in (SITE_CSS_URI, PRINT_CSS_URI):
        if uri in by_uri:
            raise ValueError(f"hooks/minify_assets.py: docs/{uri} is made at build time; remove the file")
    files.append(File.generated(config, SITE_CSS_URI, content=minify(SITE_CSS_URI, site_css)))
    files.append(File.generated(config, PRINT_CSS_URI, content=minify(PRINT_CSS_URI, print_css)))
    return files
