"""Large macro HTML that Python-Markdown does not walk.

A chart, a table, the planner or a picture is finished HTML: Markdown has nothing to do in it, yet its
block parsers, md_in_html and MkDocs' anchor collector would each scan it (about a fifth of the build).
The macros listed in BLOCK_MACROS return a short placeholder instead; a small Markdown extension,
registered from define_env (so it stays in the macros API), puts the HTML back after conversion:

- before conversion, it adds the ids in the held-back HTML to the anchors MkDocs knows for the page, so
  links to them (`emergency.md#call-now`) are still checked;
- after conversion (the last postprocessor), it swaps each placeholder, with the paragraph Markdown put
  round it, for the HTML, unchanged.

A macro that returns Markdown (moved_section, with markdown="1") or a few words (cite) is not listed.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import Callable

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

BLOCK_MACROS = (
    "refill_planner", "refill_interval_table", "refill_interval_chart", "trial_dose_chart",
    "oral_vs_intrathecal_chart", "symptom_comparison_chart", "emergency_care_cards", "care_card",
    "itb_system_diagram", "real_size_pumps", "refill_visit_steps", "alarm_sounds",
    "clinic_link_list", "clinic_downloads", "discharge_note", "planner_link_builder",
    "emergency_card", "pump_record", "glossary_list", "all_sources", "clinic_contacts", "action_card",
    "my_numbers_form",
)
MIN_LENGTH = 200  # shorter output is cheap to parse: left as it is

_TOKEN = re.compile(r"<p>ITBRAWHTML(\d+)X</p>|ITBRAWHTML(\d+)X")
_ANCHOR = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)=\"([^\"]+)\"")


class HeldBack:
    """The HTML held back during a build, by placeholder number."""

    def __init__(self) -> None:
        self.html: dict[int, str] = {}
        self._numbers = itertools.count(1)

    def hold(self, html: str) -> str:
        if len(html) < MIN_LENGTH or "markdown=" in html:
            return html
        n = next(self._numbers)
        self.html[n] = html
        return f"ITBRAWHTML{n}X"

    def expand(self, text: str) -> str:
        """text with every placeholder replaced by its HTML (the paragraph round it dropped)."""
        return _TOKEN.sub(lambda m: self.html[int(m.group(1) or m.group(2))], text)

    def anchors(self, text: str) -> set[str]:
        found: set[str] = set()
        for m in _TOKEN.finditer(text):
            found.update(_ANCHOR.findall(self.html[int(m.group(1) or m.group(2))]))
        return found


class _Anchors(Preprocessor):
    def __init__(self, md, held: HeldBack) -> None:
        super().__init__(md)
        self.held = held

    def run(self, lines: list[str]) -> list[str]:
        # MkDocs' raw-HTML preprocessor (priority 21) has just collected the page's ids: add the held-back ones.
        if "mkdocs_raw_html" in self.md.preprocessors:
            collector = self.md.preprocessors["mkdocs_raw_html"]
            collector.present_anchor_ids = set(collector.present_anchor_ids) | self.held.anchors("\n".join(lines))
        return lines


class _PutBack(Postprocessor):
    def __init__(self, md, held: HeldBack) -> None:
        super().__init__(md)
        self.held = held

    def run(self, text: str) -> str:
        return self.held.expand(text) if "ITBRAWHTML" in text else text


class RawHtmlExtension(Extension):
    def __init__(self, held: HeldBack) -> None:
        super().__init__()
        self.held = held

    def expand(self, markdown: str) -> str:
        """The page's Markdown with the HTML in place (the benchmark's stock-Material baseline uses it)."""
        return self.held.expand(markdown)

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Anchors(md, self.held), "itb_raw_html_anchors", 20.5)  # after mkdocs_raw_html
        md.postprocessors.register(_PutBack(md, self.held), "itb_raw_html", 0)  # the very last


def holding(fn: Callable[..., str], held: HeldBack) -> Callable[..., str]:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return held.hold(fn(*args, **kwargs))
    return wrapper


def register(env) -> None:
    """Wraps BLOCK_MACROS (call after every macro is registered) and adds the extension to this build."""
    unknown = sorted(set(BLOCK_MACROS) - set(env.macros))
    if unknown:
        raise ValueError(f"macros/raw_html.py names macros that do not exist: {', '.join(unknown)}")
    extensions = env.conf["markdown_extensions"]
    extensions[:] = [e for e in extensions if not isinstance(e, RawHtmlExtension)]  # one per build
    held = HeldBack()
    extensions.append(RawHtmlExtension(held))
    for name in BLOCK_MACROS:
        env.macros[name] = holding(env.macros[name], held)
