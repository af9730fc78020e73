"""Large macro HTML that Python-Markdown does not walk.

A chart, a table, the planner or a picture is finished HTML: Markdown has nothing to do in it, yet its
block parsers, md_in_html and the engine's anchor collector would each scan it (about a fifth of the build).
The macros listed in BLOCK_MACROS return a short placeholder instead; a small Markdown extension,
added by macros/registry.py (so it stays in the macros API), puts the HTML back after conversion:

- before conversion, it adds the ids in the held-back HTML to the anchors the engine knows for the page, so
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
    "oral_vs_intrathecal_chart", "symptom_comparison_chart", "people_figures", "emergency_care_cards", "care_card",
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
        # The engine's raw-HTML preprocessor (priority 21) has just collected the page's ids: add the held-back
        # ones. It is found by what it holds, not by its name, which differs between engines.
        for collector in anchor_collectors(self.md):
            collector.present_anchor_ids = set(collector.present_anchor_ids) | self.held.anchors("\n".join(lines))
        return lines


def anchor_collectors(md) -> list:
    """The engine's raw-HTML anchor collectors registered on md: MkDocs names its one mkdocs_raw_html and
    ProperDocs properdocs_raw_html; both keep the ids they found in present_anchor_ids. None outside a build."""
    return [p for p in md.preprocessors if hasattr(p, "present_anchor_ids")]


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
        md.preprocessors.register(_Anchors(md, self.held), "itb_raw_html_anchors", 20.5)  # after the collector (21)
        md.postprocessors.register(_PutBack(md, self.held), "itb_raw_html", 0)  # the very last


def holding(fn: Callable[..., str], held: HeldBack) -> Callable[..., str]:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return held.hold(fn(*args, **kwargs))
    return wrapper


def add_extension(extensions: list) -> HeldBack:
    """Adds the extension to this build's Markdown extensions (one per build) and returns its store, for
    holding() to wrap BLOCK_MACROS with (macros/registry.py does)."""
    extensions[:] = [e for e in extensions if not isinstance(e, RawHtmlExtension)]
    held = HeldBack()
    extensions.append(RawHtmlExtension(held))
    return held


def check_names(macros) -> None:
    unknown = sorted(set(BLOCK_MACROS) - set(macros))
    if unknown:
        raise ValueError(f"macros/raw_html.py names macros that do not exist: {', '.join(unknown)}")
