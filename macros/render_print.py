"""Print and offline outputs: the emergency wallet card, the pump record sheet and download links.

Pure functions (no MkDocs): they take the data and the wording and return HTML without blank lines.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from .html import esc
from .models import SymptomsFile

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# Files made after the HTML build (by tools/make_pdf.py and tools/make_offline.py), at the site root.
HANDBOOK_PDF = "itb-handbook.pdf"
OFFLINE_ZIP = "itb-handbook-offline.zip"
HANDOUT_PDFS = {"emergency-card": "emergency-card.pdf", "pump-record": "pump-record.pdf"}


def long_date(day: dt.date) -> str:
    """22 November 2026 (day month year: no ambiguity between US and UK readers)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def edition(today: dt.date, source_date_epoch: str | None = None) -> dict[str, str]:
    """The edition printed on the PDF's cover: the build date, or SOURCE_DATE_EPOCH for reproducible builds."""
    day = today
    if source_date_epoch:
        try:
            day = dt.datetime.fromtimestamp(int(source_date_epoch), dt.timezone.utc).date()
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (got {source_date_epoch!r})") from None
    return {"iso": day.isoformat(), "text": long_date(day)}


def relative_to_page(target: str, page_url: str) -> str:
    """Relative link from a page to a file at the site root. page_url is MkDocs' page.url:
    '' (home), 'for-clinics/' (directory URLs) or 'for-clinics.html' (the offline copy)."""
    if target.startswith(("/", "http:", "https:")):
        raise ValueError(f"relative_to_page: target must be a path from the site root (got {target!r})")
    return "../" * page_url.count("/") + target


def download_link(href: str, text: str, detail: str = "", css_class: str = "pdf-link") -> str:
    """A download paragraph. Raw HTML on purpose: the file is written after the HTML build, so a Markdown
    link to it would fail MkDocs' strict link check."""
    extra = f" {esc(detail)}" if detail else ""
    return f'<p class="{esc(css_class)}"><a href="{esc(href)}">{esc(text)}</a>{extra}</p>'


@dataclass(frozen=True)
class EmergencySigns:
    withdrawal: list[str]
    overdose: list[str]
    both: list[str]


def emergency_signs(symptoms: SymptomsFile) -> EmergencySigns:
    """The emergency-tier signs of data/symptoms.yml, in file order. A sign worded the same on both sides
    (for example a seizure) is listed once, under `both`."""
    withdrawal: list[str] = []
    overdose: list[str] = []
    both: list[str] = []
    for feature in symptoms.features:
        w = [s.sign for s in feature.withdrawal if s.tier == "emergency"]
        o = [s.sign for s in feature.overdose if s.tier == "emergency"]
        same = [s for s in w if s.casefold() in {x.casefold() for x in o}]
        both += [s for s in same if s not in both]
        withdrawal += [s for s in w if s not in same]
        overdose += [s for s in o if s.casefold() not in {x.casefold() for x in same}]
    if not withdrawal or not overdose:
        raise ValueError("data/symptoms.yml: the emergency card needs at least one emergency-tier sign for "
                         f"withdrawal and one for overdose (found {len(withdrawal)} and {len(overdose)})")
    return EmergencySigns(withdrawal, overdose, both)


def tier_label(symptoms: SymptomsFile, tier: str, *, emergency_number: str, pump_team: str) -> str:
    for t in symptoms.tiers:
        if t.id == tier:
            return t.label.format(emergency_number=emergency_number, pump_team=pump_team)
    raise ValueError(f"data/symptoms.yml: tiers has no entry with id {tier!r}")


def config_script(config: dict, css_class: str = "itb-refill-config") -> str:
    """Settings for a page script as inert JSON; <, > and & escaped so the text cannot end the script element."""
    raw = json.dumps(config, ensure_ascii=True, separators=(",", ":"))
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="{esc(css_class)}">{raw}</script>'


def _field(label: str, value: str = "", name: str = "", unit: str = "") -> str:
    """A labelled write-in line; value pre-fills it (clinic settings, or JavaScript via data-field)."""
    data = f' data-field="{esc(name)}"' if name else ""
    unit_html = f'<span class="fill__unit">{esc(unit)}</span>' if unit else ""
    return (f'<div class="fill"><span class="fill__label">{esc(label)}</span>'
            f'<span class="fill__value"{data}>{esc(value)}</span>{unit_html}</div>')


def _list(items: list[str], css_class: str) -> str:
    return f'<ul class="{css_class}">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def emergency_card(signs: EmergencySigns, *, call_now: str, staff_steps: list[str], emergency_number: str,
                   pump_team_phone: str | None, more_url: str) -> str:
    """A wallet card, front and back side by side on one strip, with cut lines in print.

    call_now is the emergency tier's wording ("Call 911 now"); staff_steps are what emergency staff should do
    first (plain text, at most 5, written on the page so the wording stays with its sources)."""
    if not staff_steps:
        raise ValueError("emergency_card: staff_steps needs at least one step for emergency staff")
    if len(staff_steps) > 5:
        raise ValueError(f"emergency_card: at most 5 staff steps fit on a wallet card (got {len(staff_steps)})")
    both = ""
    if signs.both:
        both = f'<p class="wallet-card__both"><strong>Either:</strong> {esc(", ".join(signs.both).lower().capitalize())}</p>'
    front = (
        '<section class="wallet-card__face wallet-card__front" aria-label="Front of the card">'
        '<div class="wallet-card__inner"><p class="wallet-card__title">I have an intrathecal baclofen pump</p>'
        + _field("Name")
        + '<p class="wallet-card__lead">Too little or too much baclofen can be life-threatening.</p>'
        f'<p class="wallet-card__call">{esc(call_now)} if I have:</p>'
        '<div class="wallet-card__columns">'
        '<div><p class="wallet-card__side">Too little (withdrawal)</p>'
        + _list(signs.withdrawal, "wallet-card__signs") + "</div>"
        '<div><p class="wallet-card__side">Too much (overdose)</p>'
        + _list(signs.overdose, "wallet-card__signs") + "</div>"
        "</div>" + both + "</div></section>")
    back = (
        '<section class="wallet-card__face wallet-card__back" aria-label="Back of the card">'
        '<div class="wallet-card__inner"><p class="wallet-card__title">For emergency staff</p>'
        '<ol class="wallet-card__steps no-readability">'
        + "".join(f"<li>{esc(s)}</li>" for s in staff_steps) + "</ol>"
        '<div class="wallet-card__fields">'
        + _field("Pump model", name="pump-model")
        + '<div class="fill-pair">' + _field("Strength", name="concentration", unit="mcg/mL")
        + _field("Daily dose", name="dose", unit="mcg/day") + "</div>"
        + _field("Pump team phone", pump_team_phone or "", name="pump-team-phone")
        + _field("Emergency number", emergency_number, name="emergency-number")
        + "</div>"
        f'<p class="wallet-card__more">More: {esc(more_url)}</p>'
        "</div></section>")
    return ('<div class="wallet-card handout-sheet">'
            '<p class="handout-instructions">Cut along the dashed line. Fold along the middle line, '
            'so the front and back face out.</p>'
            f'<div class="wallet-card__strip">{front}{back}</div></div>')


def pump_record(*, clinic_name: str | None, pump_team_phone: str | None, after_hours_phone: str | None,
                emergency_number: str, log_rows: int = 10, planner_config_html: str = "") -> str:
    """The 'My pump record' fill-in sheet. Clinic settings pre-fill the contacts; pump-record.js fills the
    pump and date fields from a refill-planner link. Every field has a data-field name for the script."""
    if log_rows < 1:
        raise ValueError(f"pump_record: log_rows must be at least 1 (got {log_rows})")
    pump = ("<section class=\"record__group\" aria-label=\"My pump\"><p class=\"record__heading\">My pump</p>"
            + _field("Pump model", name="pump-model")
            + _field("Reservoir size", name="reservoir", unit="mL")
            + _field("Strength (concentration)", name="concentration", unit="mcg/mL")
            + _field("Daily dose", name="dose", unit="mcg/day")
            + _field("Pump put in on", name="implant-date")
            + "</section>")
    dates = ("<section class=\"record__group\" aria-label=\"My dates\"><p class=\"record__heading\">My dates</p>"
             + _field("Last refill", name="refill-date")
             + _field("Low-reservoir alarm date", name="alarm-date")
             + _field("Refill by", name="refill-by")
             + _field("Next appointment", name="next-appointment")
             + "</section>")
    team = ("<section class=\"record__group\" aria-label=\"My team\"><p class=\"record__heading\">My team</p>"
            + _field("Pump team", clinic_name or "", name="pump-team")
            + _field("Pump team phone", pump_team_phone or "", name="pump-team-phone")
            + _field("After hours", after_hours_phone or "", name="after-hours-phone")
            + _field("Emergency number", emergency_number, name="emergency-number")
            + "</section>")
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Refill date", "Amount put in (mL)", "New alarm date", "Refill by", "Notes"))
    rows = "".join("<tr>" + "<td></td>" * 5 + "</tr>" for _ in range(log_rows))
    log = ('<div class="record__log"><table><caption>My refills</caption>'
           f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")
    return ('<div class="pump-record handout-sheet">' + planner_config_html
            + '<p class="pump-record__planner-note" role="status" hidden></p>'
            f'<div class="record__groups">{pump}{dates}{team}</div>{log}'
            '<p class="record__check">Check every date against the printout from your clinic\'s programmer. '
            'That printout gives your real dates.</p></div>')
