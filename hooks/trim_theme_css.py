"""Page-weight hook (no content or data logic here): Material's stylesheets without the rules this site
never uses.

Material's assets/stylesheets/main.<hash>.min.css (about 22 KB gzip, on every page) styles every feature of
the theme: tabs, code, annotations, the blog, versions, tags... Most of it matches nothing here (Lighthouse:
unused CSS). After every page is written (the print page too), this hook drops:

1. each selector that names a class no page uses, where the classes a page uses are those in the `class`
   attributes of every built HTML file, plus every word inside a string in every built script (Material's
   bundle and search worker, our own scripts): the classes scripts add at run time. A word ending in - or _
   in a script (`md-tag--${name}`) keeps every class that starts with it. Classes inside :not(), :is(),
   :where() and :has() are never a reason to drop. A rule keeps the selectors that may match; a rule with
   none left goes;
2. then each custom property (`--md-...`) that nothing reads: no var() in what is left, in the other
   stylesheets, and no mention in a script or page (scripts set some, such as --md-tooltip-x).
3. in palette.<hash>.min.css as well: the rules for colour names the site does not use
   ([data-md-color-primary=pink]; this site's pages name only "custom", "default" and "slate").

Each file gets a new content hash in its name (the server caches hashed theme files for a year) and every page
links it. It runs after print-site (a hook runs after the plugins) and before the link check
(hooks/site_link_check.py), which checks the new address. The rule is tested in tests/unit/test_trim_theme_css.py;
the axe, reflow and screenshot tests check the pages still look and work the same.
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path

from mkdocs.plugins import event_priority

_CLASS_ATTR = re.compile(r"""class=(?:"([^"]*)"|'([^']*)')""")  # as the theme, Markdown and macros write it
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')
_WORD = re.compile(r"-*[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_PSEUDO_FUNCTION = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM_NAME = re.compile(r"--[A-Za-z][\w-]*")
_RULE = re.compile(r"""([^{}@;]+)\{((?:[^{}"']|"[^"]*"|'[^']*')*)\}""")
_DECLARATION = re.compile(r"""(?:[^;"']|"[^"]*"|'[^']*')+""")
THEME_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")


_COLOR_ATTR = re.compile(r"""data-md-color-(primary|accent|scheme)=["']([^"']*)["']""")
_COLOR_TEST = re.compile(r"""\[data-md-color-(primary|accent|scheme)=["']?([\w-]+)["']?\]""")


class Used:
    """What the built site can use: classes, class prefixes (from scripts), names of custom properties, and the
    palette's colour names (data-md-color-primary="custom" on the page; Material's script copies them from there)."""

    def __init__(self, classes: set[str], prefixes: set[str], words: str, colors: set[tuple[str, str]] | None = None,
                 base: "Used | None" = None):
        self.classes, self.prefixes, self.words = classes, tuple(sorted(prefixes)), words
        self.colors = colors
        if base is not None:
            self.classes, self.prefixes = base.classes, base.prefixes

    def has_class(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.prefixes)


def _scripts(site: Path):
    """Every script in the built site but lunr's language files (assets/javascripts/lunr/: word stemmers for
    search in other languages, loaded by the search worker; they touch no page)."""
    lunr = site / "assets" / "javascripts" / "lunr"
    return (p for p in site.rglob("*.js") if lunr not in p.parents)


def used_in_site(site: Path) -> Used:
    classes: set[str] = set()
    prefixes: set[str] = set()
    colors: set[tuple[str, str]] = set()
    words = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        colors.update(_COLOR_ATTR.findall(text))
        for m in _CLASS_ATTR.finditer(text):
            classes.update((m.group(1) if m.group(1) is not None else m.group(2)).split())
        words.append(" ".join(_CUSTOM_NAME.findall(text)))
    for script in _scripts(site):
        text = script.read_text(encoding="utf-8", errors="replace")
        for m in _JS_STRING.finditer(text):
            for word in _WORD.findall(m.group(1) or m.group(2) or m.group(3) or ""):
                (prefixes if word.endswith(("-", "_")) else classes).add(word)
        words.append(" ".join(_CUSTOM_NAME.findall(text)))
    return Used(classes, {p for p in prefixes if len(p.strip("-_")) >= 3}, " ".join(words), colors)


def _split_selectors(head: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(head):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(head[start:i])
            start = i + 1
    out.append(head[start:])
    return out


def _outside_functions(selector: str) -> str:
    """The selector without attribute tests and the insides of :not(), :is(), :where(), :has()."""
    selector = re.sub(r"\[[^\]]*\]", "", selector)
    out, i = [], 0
    for m in _PSEUDO_FUNCTION.finditer(selector):
        if m.start() < i:
            continue
        out.append(selector[i:m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


def may_match(selector: str, used: Used) -> bool:
    if used.colors is not None and any(test not in used.colors for test in _COLOR_TEST.findall(
            re.sub(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)", "", selector))):
        return False
    return all(used.has_class(c) for c in _CLASS.findall(_outside_functions(selector)))


def _sibling(name: str):
    """A sibling hook module, loaded by its path (hooks are not a package)."""
    spec = importlib.util.spec_from_file_location(f"itb_hook_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_blocks = _sibling("minify_assets")._top_level_blocks  # minified CSS cut into its top-level blocks


def drop_rules(css: str, used: Used) -> str:
    out = []
    for block in _blocks(css):
        head, brace, body = block.partition("{")
        if not brace:
            out.append(block)
        elif head.startswith("@"):
            if head.startswith(("@media", "@supports", "@container", "@layer")):
                inner = drop_rules(body[:-1], used)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(block)  # @keyframes, @font-face, @page: kept whole
        else:
            keep = [s for s in _split_selectors(head) if may_match(s, used)]
            if keep:
                out.append(",".join(keep) + "{" + body)
    return "".join(out)


def drop_unread_properties(css: str, used: Used) -> str:
    while True:
        read = set(_VAR_USE.findall(css)) | set(_CUSTOM_NAME.findall(used.words))

        def strip(m: re.Match) -> str:
            if "--" not in m.group(2):
                return m.group(0)
            decls = [d for d in _DECLARATION.findall(m.group(2))
                     if not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in read)]
            return f"{m.group(1)}{{{';'.join(decls)}}}" if any(d.strip() for d in decls) else ""
        trimmed = _RULE.sub(strip, css)
        if trimmed == css:
            return css
        css = trimmed


def trim(css: str, used: Used) -> str:
    return drop_unread_properties(drop_rules(css, used), used)


@event_priority(-90)  # after print-site has written /print_page/, before the link check (-100)
def on_post_build(config):
    site = Path(config["site_dir"])
    used = used_in_site(site)
    renamed = {}
    for pattern in THEME_CSS:
        found = sorted(site.glob(pattern))
        if len(found) != 1:
            raise ValueError(f"hooks/trim_theme_css.py: expected one {pattern} in the built site, found {len(found)}")
        old, new = _trim_file(site, found[0], used)
        renamed[f"assets/stylesheets/{old}"] = f"assets/stylesheets/{new}"
    for page in site.rglob("*.html"):
        text = original = page.read_text(encoding="utf-8")
        for old_ref, new_ref in renamed.items():
            text = text.replace(old_ref, new_ref)
        if text != original:
            page.write_text(text, encoding="utf-8")


def _trim_file(site: Path, old: Path, used: Used) -> tuple[str, str]:
    """old, trimmed, under a new name; custom properties read by the other stylesheets are kept."""
    others = " ".join(" ".join(_VAR_USE.findall(p.read_text(encoding="utf-8", errors="replace")))
                      for p in site.rglob("*.css") if p != old)
    css = trim(old.read_text(encoding="utf-8"), Used(set(), set(), used.words + " " + others, used.colors,
                                                     base=used))
    stem = old.name.split(".", 1)[0]
    new = old.with_name(f"{stem}.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css")
    old.unlink()
    old.with_name(old.name + ".map").unlink(missing_ok=True)  # it maps the whole file
    new.write_text(css, encoding="utf-8")
    return old.name, new.name
