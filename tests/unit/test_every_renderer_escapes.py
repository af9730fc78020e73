"""Every renderer escapes every text argument, including the ones whose callers pass fixed text today.

tests/unit/test_hostile_text.py checks the fields that carry untrusted text now, case by case. This test is the
kind: it finds every public function in the renderer modules (macros/render_*.py, care_cards.py, clinic.py,
glossary.py, planner_links.py) that returns HTML, and calls it once per text (str) parameter with hostile text.
The raw markup must never come out. A NEW renderer is covered without editing this file; it only needs an entry
below when it returns something that is not HTML, takes an argument of a new type, or has a parameter that is
documented HTML (such parameters are named *_html, or listed here with the reason)."""
from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from helpers import ROOT
from macros.data import load_site_data
from macros.html import IdMaker
from macros.models import ClinicFile

SITE = load_site_data(ROOT / "data")
HOSTILE = """<b>x</b>&"'"""
PLAIN = "Plain words"

MODULES = sorted({p.stem for p in (ROOT / "macros").glob("render_*.py")} |
                 {"care_cards", "clinic", "glossary", "planner_links"})

# Public functions that return a str that is not HTML (a number, a URL or path, plain text for a text file or
# for JavaScript to put in textContent, or the escaping helpers themselves). Hand-written, with the reason.
NOT_HTML = {
    "clinic.inert": "returns text for Markdown (its own test: test_hostile_text)",
    "clinic.plain": "plain text",
    "clinic.pump_team": "plain wording, escaped where it is put in HTML",
    "clinic.pump_team_contact": "plain wording, escaped where it is put in HTML",
    "clinic.tel_href": "the digits of a tel: URL",
    "render_charts.n": "a number",
    "render_clinics.absolute_url": "a URL",
    "render_clinics.discharge_note": "plain text for a clinic's letter (discharge_note_html escapes it)",
    "render_clinics.page_path": "a URL path",
    "render_clinics.qr_file_name": "a file name",
    "render_planner.dec": "a number",
    "render_planner.page_url": "a URL path",
    "render_planner.relative_url": "a URL path",
    "render_planner.record_href": "a URL path",
    "render_print.decimal_words": "a number in words",
    "render_actions.fill": "fills a data template with plain wording; its callers escape the result",
    "render_actions.sentence": "plain text (the wallet card and notes escape it)",
    "render_actions.action_card": "takes *action_ids, which this harness cannot pass: see test_action_card_escapes",
    "render_outcomes.outcome_words": "plain text (a count and words), escaped where it is put in HTML",
    "render_print.long_date": "a date in words (macros/dates.py)",
    "render_print.relative_to_page": "a URL path",
    "render_print.publish_problem": "a one-line build message",
    "render_print.published_url": "a URL",
    "render_print.tier_label": "plain text (emergency_card escapes it as call_now)",
    "render_symptoms.fill": "fills a data template; its callers escape the result",
    "render_clinics.qr_file_svg": "a whole SVG file for a URL (checked by the QR tests)",
    "render_clinics.cached_qr_file_svg": "a whole SVG file for a URL, from the cache (checked by the QR tests)",
    "planner_links.allowed_words": "plain text",
    "planner_links.date_range_words": "plain text",
}

# Parameters that are documented HTML (besides any parameter named *_html), or that pick from a fixed set and
# must refuse anything else: (function, parameter) -> a good value to pass while another parameter is tested.
HTML_PARAMS = {
    ("render_charts.svg_root", "body"): "<g></g>",
    ("render_charts.svg_root", "defs"): "",
}
CHOICE_PARAMS = {
    ("care_cards.care_card", "kind"): "emergency",
    ("render_print.tier_label", "tier"): "emergency",
    ("render_symptoms.danger_signs_card", "tier"): "emergency",
    ("render_symptoms.danger_signs_card", "group"): "body",
    ("render_symptoms.signs_list", "side"): "withdrawal",
    ("render_symptoms.signs_list", "tier"): None,
    ("render_pictures.alarm_sounds", "only"): None,
    ("render_clinics.downloads_html", "site_url"): "https://example.org/",
    ("render_clinics.link_builder_html", "site_url"): "https://example.org/",
    ("render_clinics.moved_section", "old_id"): "old-id",
    ("render_clinics.moved_section", "target"): "faq.md#mri",
    ("render_outcomes.icon_array", "figure_id"): "spinal-headache",
    ("render_actions.action_text", "action_id"): "missed-refill",
    ("render_outcomes.outcome_sentence", "figure_id"): "spinal-headache",
    ("render_outcomes.outcome_words", "figure_id"): "spinal-headache",
}

# Values for the arguments that are not text, by parameter name.
ARGS = {
    "ids": lambda: IdMaker("t"),
    "anchors": lambda: IdMaker("t"),
    "symptoms": lambda: SITE.symptoms,
    "alarms": lambda: SITE.alarms,
    "drug": lambda: SITE.drug,
    "refill": lambda: SITE.refill,
    "pumps": lambda: SITE.pumps,
    "pump": lambda: SITE.pumps["synchromed-ii-40"],
    "glossary": lambda: SITE.glossary,
    "sources": lambda: SITE.sources,
    "clinic": lambda: ClinicFile(),
    "items": lambda: [PLAIN],
    "headers": lambda: [PLAIN, PLAIN],
    "rows": lambda: [[PLAIN, PLAIN]],
    "staff_steps": lambda: [PLAIN],
    "lines": lambda: [PLAIN],
    "x": lambda: 1.0, "y": lambda: 1.0, "line_h": lambda: 10.0, "width": lambda: 100, "height": lambda: 100.0,
    "days": lambda: 40, "res": lambda: 20, "conc": lambda: 2000,
    "margin_days": lambda: 7,
    "replacement_warning_days": lambda: 90,
    "ids_": lambda: ["L1"],
    "page_ids": lambda: ["L1"],
    "concentrations": lambda: [500, 1000, 2000],
    "defaults": lambda: {"margin": 7},
    "pump_ids": lambda: list(SITE.pumps),
    "action_labels": lambda: {},
    "values": lambda: {},
    "pages": lambda: [],
    "config": lambda: {},
    "draw": lambda: (lambda width, base: "<g></g>"),
    "cite": lambda: (lambda ids: '<sup class="cite">1</sup>'),
    "outcomes": lambda: SITE.outcomes,
    "actions": lambda: SITE.actions,
    "figure_ids": lambda: ["spinal-headache"],
}
# Whole-argument builders for functions whose non-text arguments are not shared with others.
SPECIAL = {
    "render_print.emergency_card": lambda: {"signs": __import__("macros.render_print").render_print.emergency_signs(
        SITE.symptoms)},
    "render_print.refill_worksheet": lambda: {"example": __import__("macros.render_print").render_print.worked_example(
        pump_name=PLAIN, reservoir_ml=20, alarm_ml=2, conc=2000, dose=400, margin_days=7, cap_days=180)},
    "render_sources.cite": lambda: {"ids": ("L1",)},
    "render_sources.page_sources": lambda: {"ids": ["L1"]},
    "render_sources.all_sources": lambda: {"kinds": {k: PLAIN for k in ("label", "device", "study", "patient")}},
    "render_pictures.alarm_sounds": lambda: {"alarms": SITE.alarms, "action_labels": {
        t: PLAIN for t in ("emergency", "urgent", "watch")}, "values": {"replacement_warning_days": "90"}},
    "render_pictures.real_size_pumps": lambda: {"pumps": list(SITE.pumps.values())},
}


def is_text(annotation) -> bool:
    return str(annotation).replace(" ", "") in {"str", "str|None", "Optional[str]"}


def renderers() -> list[tuple[str, object]]:
    found = []
    for name in MODULES:
        mod = importlib.import_module(f"macros.{name}")
        for fname, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ != mod.__name__ or fname.startswith("_"):
                continue
            qual = f"{name}.{fname}"
            if str(inspect.signature(fn).return_annotation) == "str" and qual not in NOT_HTML:
                found.append((qual, fn))
    return found


RENDERERS = renderers()
CASES = [(qual, fn, p) for qual, fn in RENDERERS for p, param in inspect.signature(fn).parameters.items()
         if is_text(param.annotation) and not p.endswith("_html") and (qual, p) not in HTML_PARAMS]


def base_kwargs(qual: str, fn) -> dict:
    kwargs = dict(SPECIAL.get(qual, lambda: {})())
    for p, param in inspect.signature(fn).parameters.items():
        if p in kwargs or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if (qual, p) in CHOICE_PARAMS:
            kwargs[p] = CHOICE_PARAMS[(qual, p)]
        elif (qual, p) in HTML_PARAMS:
            kwargs[p] = HTML_PARAMS[(qual, p)]
        elif p in ARGS:
            kwargs[p] = ARGS[p]()
        elif param.default is not param.empty:
            continue
        elif is_text(param.annotation):
            kwargs[p] = PLAIN
        else:
            pytest.fail(f"{qual}: no value for its argument {p!r} ({param.annotation}); add one to ARGS or SPECIAL")
    return kwargs


def test_the_renderers_are_found():
    names = {qual for qual, _ in RENDERERS}
    # A few known renderers, so a broken discovery cannot pass by finding nothing.
    assert {"care_cards.care_card", "glossary.glossary_list", "render_tables.refill_interval_table",
            "render_print.pump_record", "render_symptoms.danger_signs_card"} <= names
    assert len(CASES) >= 40, len(CASES)
    assert set(NOT_HTML) <= {f"{m}.{f}" for m in MODULES
                            for f, _ in inspect.getmembers(importlib.import_module(f"macros.{m}"), inspect.isfunction)}


@pytest.mark.parametrize("qual, fn, param", CASES, ids=[f"{q}-{p}" for q, _, p in CASES])
def test_text_argument_is_escaped(qual, fn, param):
    kwargs = base_kwargs(qual, fn)
    kwargs[param] = HOSTILE
    if (qual, param) in CHOICE_PARAMS:
        with pytest.raises((ValueError, KeyError)):
            fn(**kwargs)
        return
    out = fn(**kwargs)
    assert "<b>" not in out and "</b>" not in out, f"{qual}({param}=...) let markup through:\n{out[:1500]}"
    assert '&"' not in out and "&\"'" not in out, f"{qual}({param}=...) left & or a quote raw:\n{out[:1500]}"


@pytest.mark.parametrize("field", ["emergency_number", "pump_team"])
def test_action_card_escapes(field):
    from macros import render_actions
    kwargs = {"emergency_number": "911", "pump_team": PLAIN, field: HOSTILE}
    html = render_actions.action_card(SITE.actions, "missed-refill", "two-tone-alarm", sources_html="", **kwargs)
    assert "<b>" not in html, html
