"""Per-page assets: which stylesheets and scripts each macro's output needs.

A page loads the theme, the one site stylesheet (mkdocs.yml extra_css) and only the files its macros
declare here. When a listed macro runs, its files are recorded in the page's metadata
(`page.meta["itb_assets"]`, in the order of ORDER), and overrides/main.html links them: stylesheets in the
head, scripts at the end of the body. The combined print page (print-site) holds every page, so it gets
them all (`config.extra.itb_assets_all`).
"""
from __future__ import annotations

import functools
from typing import Callable

TOOLS_CSS = "stylesheets/tools.css"
PICTURES_CSS = "stylesheets/pictures.css"
CLINICS_CSS = "stylesheets/clinics.css"
REFILL_CORE_JS = "javascripts/refill-core.js"
PLANNER_JS = "javascripts/planner.js"
REFILL_TABLE_JS = "javascripts/refill-table.js"
LINK_BUILDER_JS = "javascripts/link-builder.js"  # loads qr-encoder.js itself, only when a QR code is made
PUMP_RECORD_JS = "javascripts/pump-record.js"
MY_NUMBERS_JS = "javascripts/my-numbers.js"  # the reader's own pump-team numbers, on their device

# Load order: stylesheets, then scripts (refill-core.js before the scripts that use window.ITBRefill).
ORDER = (PICTURES_CSS, TOOLS_CSS, CLINICS_CSS,
         REFILL_CORE_JS, PLANNER_JS, REFILL_TABLE_JS, LINK_BUILDER_JS, PUMP_RECORD_JS, MY_NUMBERS_JS)

MACRO_ASSETS: dict[str, tuple[str, ...]] = {
    # tools: the planner, the refill table, charts and the emergency care cards
    "refill_planner": (TOOLS_CSS, REFILL_CORE_JS, PLANNER_JS),
    "refill_interval_table": (TOOLS_CSS, REFILL_TABLE_JS),
    "refill_interval_chart": (TOOLS_CSS,),
    "trial_dose_chart": (TOOLS_CSS,),
    "oral_vs_intrathecal_chart": (TOOLS_CSS,),
    "symptom_comparison_chart": (TOOLS_CSS,),
    "emergency_care_cards": (TOOLS_CSS, MY_NUMBERS_JS),
    "danger_signs_card": (MY_NUMBERS_JS,),
    "danger_signs_cards": (MY_NUMBERS_JS,),
    # how soon to act (data/actions.yml), and the reader's own pump-team numbers
    "action": (MY_NUMBERS_JS,),
    "action_card": (MY_NUMBERS_JS,),
    "my_numbers_form": (MY_NUMBERS_JS,),
    "refill_timeline": (TOOLS_CSS,),
    "people_figures": (TOOLS_CSS,),
    # pictures
    "itb_system_diagram": (PICTURES_CSS,),
    "real_size_pumps": (PICTURES_CSS,),
    "refill_visit_steps": (PICTURES_CSS,),
    "alarm_sounds": (PICTURES_CSS,),
    # for clinics
    "clinic_link_list": (CLINICS_CSS,),
    "clinic_downloads": (CLINICS_CSS,),
    "discharge_note": (CLINICS_CSS, LINK_BUILDER_JS),  # the copy buttons
    "planner_link_builder": (CLINICS_CSS, REFILL_CORE_JS, LINK_BUILDER_JS),
    "planner_link_settings": (CLINICS_CSS,),
    "moved_section": (CLINICS_CSS, LINK_BUILDER_JS),  # the jump from the old anchor to the new place
    # the pump record fills itself from a planner link
    "pump_record": (REFILL_CORE_JS, PUMP_RECORD_JS, MY_NUMBERS_JS),
}


# Pages printed to PDF on their own (tools/make_pdf.py): they link the paper-only stylesheet without
# media="print" (overrides/main.html), so it is certainly loaded when the page is printed.
HANDOUT_MACROS = ("emergency_card", "pump_record")


def page_assets(names: set[str] | list[str]) -> dict[str, list[str]]:
    """The recorded files, in load order, split into stylesheets and scripts."""
    ordered = [a for a in ORDER if a in names]
    return {"css": [a for a in ordered if a.endswith(".css")], "js": [a for a in ordered if a.endswith(".js")]}


def all_assets() -> dict[str, list[str]]:
    return page_assets(set(ORDER))


def record(meta: dict, macro: str) -> None:
    """Adds the files `macro` needs to a page's metadata."""
    if macro in HANDOUT_MACROS:
        meta["itb_handout"] = True
    wanted = MACRO_ASSETS.get(macro)
    if not wanted:
        return
    have = set(meta.get("itb_assets", {}).get("css", [])) | set(meta.get("itb_assets", {}).get("js", []))
    meta["itb_assets"] = page_assets(have | set(wanted))


def declaring(name: str, fn: Callable, current_page: Callable[[], object]) -> Callable:
    """fn, recording the files it needs in the current page's metadata each time it runs."""
    if name not in MACRO_ASSETS and name not in HANDOUT_MACROS:
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        page = current_page()
        if page is not None:
            record(page.meta, name)
        return fn(*args, **kwargs)
    return wrapper


def check_names(macros) -> None:
    """A renamed macro would silently lose its files: every name listed here must be a macro."""
    unknown = sorted((set(MACRO_ASSETS) | set(HANDOUT_MACROS)) - set(macros))
    if unknown:
        raise ValueError(f"macros/assets.py names macros that do not exist: {', '.join(unknown)}")
