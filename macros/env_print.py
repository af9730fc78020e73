"""Registers the print macros with mkdocs-macros. Thin: each macro calls a pure render function."""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from . import clinic as clinic_mod
from . import clock
from . import render_planner, render_print

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
    team = clinic_mod.pump_team(site.clinic)

    @env.macro
    def emergency_card(staff_steps):
        signs = render_print.emergency_signs(site.symptoms)
        call_now = render_print.tier_label(site.symptoms, "emergency", emergency_number=site.clinic.emergency_number,
                                           pump_team=team)
        base = env.conf["site_url"] or ""
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
                                        planner_config_html=render_print.config_script(config))

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
