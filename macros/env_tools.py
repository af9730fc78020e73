"""Registers the tools macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from pathlib import Path

from .html import IdMaker
from .render_charts import oral_vs_intrathecal_chart, refill_interval_chart, trial_dose_chart
from .render_planner import record_href, refill_planner, refill_timeline
from .render_symptoms import emergency_care_cards, symptom_comparison_chart
from .render_tables import refill_interval_table


def page_slug(src_uri: str) -> str:
    """'maintenance.md' -> 'maintenance'; 'a/b.md' -> 'a-b'. Prefixes ids, so pages joined on the
    combined print page never share one."""
    stem = src_uri.rsplit(".", 1)[0]
    return "".join(ch if ch.isalnum() else "-" for ch in stem.lower()).strip("-") or "page"


def register(env, site) -> None:
    makers: dict[str, tuple[IdMaker, IdMaker]] = {}

    def _makers() -> tuple[IdMaker, IdMaker]:
        key = env.page.file.src_uri
        if key not in makers:  # (element ids with the page prefix, fixed heading anchors)
            makers[key] = (IdMaker(page_slug(key)), IdMaker(""))
        return makers[key]

    def wording() -> dict[str, str]:
        return {"emergency_number": env.variables["emergency_number"], "pump_team": env.variables["pump_team"]}

    env.macro(lambda: refill_interval_table(site.refill, _makers()[0], env.variables["pump_team"]),
              "refill_interval_table")
    env.macro(lambda: refill_interval_chart(site.refill, _makers()[0]), "refill_interval_chart")
    env.macro(lambda: trial_dose_chart(site.drug, _makers()[0]), "trial_dose_chart")
    env.macro(lambda: oral_vs_intrathecal_chart(site.drug, _makers()[0]), "oral_vs_intrathecal_chart")
    env.macro(lambda: symptom_comparison_chart(site.symptoms, _makers()[0], **wording()), "symptom_comparison_chart")
    env.macro(lambda: emergency_care_cards(site.symptoms, _makers()[1], **wording()), "emergency_care_cards")

    def planner():
        record = record_href(Path(env.conf["docs_dir"]), env.conf["use_directory_urls"], env.page.url)
        return refill_planner(site.pumps, site.drug, site.refill, _makers()[0], env.variables["pump_team"],
                              env.conf["site_name"], record_href=record)
    env.macro(planner, "refill_planner")
    env.macro(lambda: refill_timeline(site.refill.default_margin_days.value, env.variables["pump_team"]),
              "refill_timeline")
