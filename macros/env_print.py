"""Registers the print macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from . import clinic as clinic_mod
from . import clock
from . import render_actions, render_planner, render_print

DOWNLOADS = {
    "handbook": (render_print.HANDBOOK_PDF, "Download the whole handbook as a PDF",
                 "(to print, or to read without a connection)"),
    "offline": (render_print.OFFLINE_ZIP, "Download the offline copy of this website",
                "(a zip file: unzip it and open index.html; it works without a connection)"),
    "emergency-card": (render_print.HANDOUT_PDFS["emergency-card"], "Download the wallet card as a PDF", ""),
    "pump-record": (render_print.HANDOUT_PDFS["pump-record"], "Download a blank pump record as a PDF", ""),
}


def register(env, site) -> None:
    extra = env.conf["extra"]
    # The PDF cover (rendered by the print-site plugin, which only sees `config`) shows this edition date.
    try:
        day = clock.today()  # ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date
    except clock.ClockError as exc:
        raise PluginError(str(exc)) from None
    extra["print_edition"] = render_print.edition(day)
    # A build for publishing must know its public address; a local build prints none (cover, card, handouts).
    problem = render_print.publish_problem(env.conf["site_url"], os.environ.get("ITB_PUBLISH"))
    if problem:
        raise PluginError(problem)
    public = render_print.published_url(env.conf["site_url"])
    extra["print_site_url"] = public or ""
    team = clinic_mod.pump_team(site.clinic)

    @env.macro
    def emergency_card(staff_steps):
        signs = render_print.card_signs(site.symptoms)
        # How soon, from data/actions.yml: "Call 911 now." -> "Call 911 now if I have:"
        call_now = render_actions.sentence(site.actions, "emergency-signs", emergency_number=site.clinic.emergency_number,
                                           pump_team=team).rstrip(".")
        more = None
        if public:
            base = public if public.endswith("/") else public + "/"
            more = base.split("://", 1)[-1] + ("for-emergency-staff/" if env.conf["use_directory_urls"]
                                               else "for-emergency-staff.html")
        return render_print.emergency_card(signs, call_now=call_now, staff_steps=list(staff_steps),
                                           emergency_number=site.clinic.emergency_number,
                                           pump_team_phone=site.clinic.pump_team_phone, more_url=more)

    @env.macro
    def pump_record():
        # The planner's settings travel with the sheet, so pump-record.js can work out the dates from a planner link.
        config = render_planner.planner_config(site.pumps, site.drug, site.refill, team, env.conf["site_name"])
        return render_print.pump_record(clinic_name=site.clinic.name, pump_team_phone=site.clinic.pump_team_phone,
                                        after_hours_phone=site.clinic.after_hours_phone,
                                        emergency_number=site.clinic.emergency_number,
                                        planner_config_html=render_print.config_script(config),
                                        local=public is None)

    @env.macro
    def refill_worksheet():
        """The planner on paper. Its worked example is chosen from the data, never typed: the smallest pump of
        the refill table, its strongest medicine and its middle dose (20 mL, 2,000 mcg/mL, 400 mcg a day)."""
        return render_print.refill_worksheet(worksheet_example(site), pump_team=team)

    @env.macro
    def download_link(name):
        """Link to a file made after the build (PDFs, offline zip), relative to the current page."""
        if name not in DOWNLOADS:
            raise ValueError(f"download_link: name must be one of {', '.join(DOWNLOADS)} (got {name!r})")
        if name == "offline" and extra.get("offline_copy"):
            return ""  # the offline copy cannot contain itself
        target, text, detail = DOWNLOADS[name]
        href = render_print.relative_to_page(target, env.page.url)
        return render_print.download_link(href, text, detail)


def worksheet_example(site) -> render_print.WorkedExample:
    t = site.refill.table
    reservoir = min(t.reservoirs_ml)
    pump = next((p for p in site.pumps.values() if p.reservoir_ml.value == reservoir), None)
    if pump is None:
        raise ValueError(f"data/refill.yml: table.reservoirs_ml: no pump in data/pumps.yml holds {reservoir:g} mL "
                         "(the refill worksheet's example needs one)")
    doses = sorted(t.doses_mcg_per_day)
    return render_print.worked_example(
        pump_name=pump.name, reservoir_ml=pump.reservoir_ml.value, alarm_ml=pump.default_alarm_ml.value,
        conc=max(t.concentrations_mcg_per_ml), dose=doses[len(doses) // 2],
        margin_days=int(site.refill.default_margin_days.value), cap_days=int(site.refill.max_interval_days.value))
