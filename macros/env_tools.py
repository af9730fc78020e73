"""Registers the tools macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from pathlib import Path

from . import render_clinics, render_print, render_sources
from .clinic import pump_team
from .html import IdMaker, fmt_num
from .render_charts import oral_vs_intrathecal_chart, refill_interval_chart, trial_dose_chart
from .render_planner import record_href, refill_planner, refill_timeline
from .render_symptoms import (CARD_ANCHOR, DEFAULT_LIMIT, Phones, signs_list, tier_items, alarm_meanings, card_sources, danger_signs_card, emergency_care_cards,
                              symptom_comparison_chart)
from .render_tables import refill_interval_table


# The pump whose replacement warning (data/pumps.yml) the single-tone alarm's meaning quotes.
SIGNS_PUMP = "synchromed-ii-40"


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

    team = pump_team(site.clinic)  # raw text: the render functions escape it (page variables are inert)

    def wording() -> dict[str, str]:
        return {"emergency_number": site.clinic.emergency_number, "pump_team": team}

    env.macro(lambda: refill_interval_table(site.refill, _makers()[0], team),
              "refill_interval_table")
    env.macro(lambda: refill_interval_chart(site.refill, _makers()[0]), "refill_interval_chart")
    env.macro(lambda: trial_dose_chart(site.drug, _makers()[0]), "trial_dose_chart")
    env.macro(lambda: oral_vs_intrathecal_chart(site.drug, _makers()[0]), "oral_vs_intrathecal_chart")
    env.macro(lambda: symptom_comparison_chart(site.symptoms, _makers()[0], **wording()), "symptom_comparison_chart")
    # ------------------------------------------------------------ danger signs (data/symptoms.yml, alarms.yml)
    def phones() -> Phones:
        c = site.clinic
        return Phones(emergency=c.emergency_number, pump_team=c.pump_team_phone, after_hours=c.after_hours_phone)

    def warning_days() -> float:
        days = site.pumps[SIGNS_PUMP].replacement_warning_days.value
        if days is None:
            raise ValueError(f"data/pumps.yml: {SIGNS_PUMP}.replacement_warning_days is unknown, but the "
                             f"single-tone alarm's meaning needs it")
        return days

    def sources_line(ids: list[str], macro: str) -> str:
        """One 'Sources' line under the cards; every id must be in the page's front matter, as for cite()."""
        listed = env.page.meta.get("sources") or []
        missing = [i for i in ids if i not in listed]
        if missing:
            raise ValueError(f"{macro}() shows signs sourced from {', '.join(missing)}: add them to the "
                             f"front-matter sources of {env.page.file.src_path}")
        return f'<p class="care-card-sources">Sources: {render_sources.cite(tuple(ids), site.sources, listed)}</p>'

    def cards():
        values = {"replacement_warning_days": fmt_num(warning_days())}
        anchors = _makers()[1] if env.page.file.src_uri == "emergency.md" else None  # ids only on /emergency/
        return (emergency_care_cards(site.symptoms, anchors, **wording(), alarms=site.alarms, phones=phones(),
                                     level=2 if anchors else 3, values=values)
                + sources_line(card_sources(site.symptoms, site.alarms), "emergency_care_cards"))
    env.macro(cards, "emergency_care_cards")
    # The same three cards on another page (children): h3 headings, no fixed ids (those belong to /emergency/).
    env.macro(cards, "danger_signs_cards")

    def one_card(tier, limit=None, also=True, group="body", level=3, refer=(), more=True):
        values = {"replacement_warning_days": fmt_num(warning_days())}
        more_href = render_print.relative_to_page("emergency/#" + CARD_ANCHOR[tier] if env.conf["use_directory_urls"]
                                                  else "emergency.html#" + CARD_ANCHOR[tier], env.page.url) if more else ""
        card = danger_signs_card(site.symptoms, tier, **wording(), alarms=site.alarms, phones=phones(),
                                 limit=limit, also=also, group=group, level=level, refer=tuple(refer),
                                 more_href=more_href, values=values)
        items = tier_items(site.symptoms, tier, site.alarms, group)
        shown = items if also else items[:DEFAULT_LIMIT[tier] if limit is None else limit]
        ids = list(dict.fromkeys(s for i in shown for s in i.sources))
        return card + sources_line(ids, "danger_signs_card")
    env.macro(one_card, "danger_signs_card")

    env.macro(lambda side, tier=None: signs_list(site.symptoms, side, tier, **wording()), "signs_list")

    def alarms_in_words():
        return (alarm_meanings(site.alarms, site.symptoms, **wording(), replacement_warning_days=warning_days())
                + sources_line(list(dict.fromkeys(s for a in site.alarms.alarms for s in a.sources)),
                               "alarm_meanings"))
    env.macro(alarms_in_words, "alarm_meanings")

    def planner():
        record = record_href(Path(env.conf["docs_dir"]), env.conf["use_directory_urls"], env.page.url)
        public = render_print.published_url(env.conf["site_url"])
        # The page's address on the published site (directory URLs there, even when this is the offline copy).
        page = render_clinics.page_path(env.page.file.src_uri)
        return refill_planner(site.pumps, site.drug, site.refill, _makers()[0], team,
                              env.conf["site_name"], record_href=record,
                              public_page=render_clinics.absolute_url(public, page) if public else None)
    env.macro(planner, "refill_planner")
    env.macro(lambda: refill_timeline(site.refill.default_margin_days.value, team),
              "refill_timeline")
