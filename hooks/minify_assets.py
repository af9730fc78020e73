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
4. The tools' stylesheet, docs/stylesheets/tools.css, is written in parts, so that a page links only the rules
   its tools use (macros/assets.py, TOOLS_PARTS): each rule goes to the parts whose classes it styles
   (TOOLS_FEATURES; a rule for two parts goes to both, a rule that styles no class, such as the colour
   variables, to every part), in its order, inside the same @media/@container blocks. Every combination of
   parts is written as one file (stylesheets/tools-charts-table.css). A rule whose classes belong to no part
   stops the build, so a new rule is never dropped unnoticed.
"""
from __future__ import annotations

import re
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


TOOLS_CSS_FROM = "stylesheets/tools.css"
# Each part of the tools' stylesheet, by the start of the class names it styles (Material's md- classes do not
# count). The names match macros/assets.py: stylesheets/tools-<part>.css.
TOOLS_FEATURES = {
    "charts": ("chart", "c-", "sym-", "pf-", "people-figure", "data-table"),
    "table": ("rt-", "itb-refill-table"),
    "planner": ("itb-planner", "itb-timeline", "itb-field", "itb-hint", "itb-error", "itb-button", "itb-how"),
}
_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")


def _features_of(selector: str) -> set[str] | None:
    """The parts a rule's selector styles; None for a rule that styles no class of ours (it goes to every part)."""
    classes = [c for c in _CLASS.findall(re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", selector)) if not c.startswith("md-")]
    if not classes:
        return None
    found = {f for f, starts in TOOLS_FEATURES.items() for c in classes if c.startswith(starts)}
    unknown = [c for c in classes if not c.startswith(tuple(x for starts in TOOLS_FEATURES.values() for x in starts))]
    if unknown or not found:
        raise ValueError(f"hooks/minify_assets.py: docs/{TOOLS_CSS_FROM}: the rule '{selector[:80]}' styles "
                         f"{', '.join(unknown or classes)}, which no part of TOOLS_FEATURES names: add its start there")
    return found


def tools_css_for(css: str, parts: set[str]) -> str:
    """The rules of minified tools.css that the given parts need, in their order."""
    out = []
    for block in _top_level_blocks(css):
        head, _, body = block.partition("{")
        if head.startswith("@"):
            if head.startswith(("@media", "@supports", "@container", "@layer")) and body:
                inner = tools_css_for(body[:-1], parts)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(block)  # @keyframes, @font-face, @charset: kept whole
            continue
        features = _features_of(head)
        if features is None or features & parts:
            out.append(block)
    return "".join(out)


def tools_css_files(css: str) -> dict[str, str]:
    """Every combination of parts, by its file name: {'stylesheets/tools-charts.css': ..., ...}."""
    names = list(TOOLS_FEATURES)
    files = {}
    for mask in range(1, 2 ** len(names)):
        parts = [n for i, n in enumerate(names) if mask >> i & 1]
        files["stylesheets/tools-" + "-".join(parts) + ".css"] = tools_css_for(css, set(parts))
    return files


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
        if file.src_uri == TOOLS_CSS_FROM:  # written in parts only (4. above)
            for uri, css in tools_css_files(minify(file.src_uri, text)).items():
                if uri in by_uri:
                    raise ValueError(f"hooks/minify_assets.py: docs/{uri} is made at build time; remove the file")
                files.append(File.generated(config, uri, content=css))
            continue
        files.append(File.generated(config, file.src_uri, content=minify(file.src_uri, text)))
    for uri in (SITE_CSS_URI, PRINT_CSS_URI):
        if uri in by_uri:
            raise ValueError(f"hooks/minify_assets.py: docs/{uri} is made at build time; remove the file")
    files.append(File.generated(config, SITE_CSS_URI, content=minify(SITE_CSS_URI, site_css)))
    files.append(File.generated(config, PRINT_CSS_URI, content=minify(PRINT_CSS_URI, print_css)))
    return files
