"""Registers the pictures macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from . import pages, render_pictures, render_sources
from .clinic import pump_team
from .html import IdMaker, fmt_num
from .render_symptoms import tier_labels

# The pump drawn in the ITB system picture, and the pumps drawn at real size (ids in data/pumps.yml).
SYSTEM_PUMP = "synchromed-ii-40"
REAL_SIZE_PUMPS = ("synchromed-ii-20", "synchromed-ii-40")


def page_slug(src_path: str) -> str:
    """'maintenance.md' -> 'maintenance', 'index.md' -> 'home', 'a/b.md' -> 'a-b'."""
    stem = src_path.replace("\\", "/").removesuffix(".md")
    return "home" if stem == "index" else stem.replace("/", "-")


def page_ids(page) -> IdMaker:
    """One IdMaker per page, so ids stay unique when a picture appears twice on a page, and carry the
    page's slug so they stay unique on the combined print page."""
    ids = getattr(page, "_itb_picture_ids", None)
    if ids is None:
        ids = IdMaker(f"{page_slug(pages.source_path(page))}-pic")
        setattr(page, "_itb_picture_ids", ids)
    return ids


def _pump(site, pump_id: str, macro: str):
    if pump_id not in site.pumps:
        raise ValueError(f"{macro}(): pump {pump_id!r} is not in data/pumps.yml "
                         f"(known: {', '.join(site.pumps)})")
    return site.pumps[pump_id]


def register(env, site) -> None:
    @env.macro
    def itb_system_diagram():
        return render_pictures.system_diagram(_pump(site, SYSTEM_PUMP, "itb_system_diagram"), page_ids(env.page))

    @env.macro
    def real_size_pumps():
        pumps = [_pump(site, pid, "real_size_pumps") for pid in REAL_SIZE_PUMPS]
        return render_pictures.real_size_pumps(pumps, page_ids(env.page))

    @env.macro
    def refill_visit_steps():
        return render_pictures.refill_visit_steps(page_ids(env.page))

    @env.macro
    def alarm_sounds(only=None):
        shown = [a for a in site.alarms.alarms if only is None or a.id == only]
        alarm_ids = list(dict.fromkeys(i for a in shown for i in a.sources))
        listed = env.page.meta.get("sources") or []
        missing = [i for i in alarm_ids if i not in listed]
        if missing:
            raise ValueError(f"alarm_sounds() cites {', '.join(alarm_ids)} (data/alarms.yml): add "
                             f"{', '.join(missing)} to the front-matter sources of {pages.source_path(env.page)}")
        warning_days = _pump(site, SYSTEM_PUMP, "alarm_sounds").replacement_warning_days.value
        if warning_days is None:
            raise ValueError(f"alarm_sounds(): data/pumps.yml: {SYSTEM_PUMP}.replacement_warning_days is unknown")
        team = pump_team(site.clinic)
        labels = tier_labels(site.symptoms, site.clinic.emergency_number, team)
        return render_pictures.alarm_sounds(
            site.alarms, labels, site.clinic.emergency_number,
            {"replacement_warning_days": fmt_num(warning_days), "pump_team": team}, page_ids(env.page),
            cite_html=render_sources.cite(tuple(alarm_ids), site.sources, listed) if alarm_ids else "", only=only)
