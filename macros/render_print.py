"""Print and offline outputs: the emergency wallet card, the pump record sheet and download links.

Pure functions (no MkDocs): they take the data and the wording and return HTML without blank lines.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction

from . import refill as refill_math
from . import site_url as site_url_check
from .dates import long_date
from .html import esc, fmt_num
from .models import SymptomsFile


# Files made after the HTML build (by tools/make_pdf.py and tools/make_offline.py), at the site root.
HANDBOOK_PDF = "itb-handbook.pdf"
OFFLINE_ZIP = "itb-handbook-offline.zip"
HANDOUT_PDFS = {"emergency-card": "emergency-card.pdf", "pump-record": "pump-record.pdf"}


def edition(today: dt.date, source_date_epoch: str | None = None) -> dict[str, str]:
    """The edition printed on the PDF's cover: the build date, or SOURCE_DATE_EPOCH for reproducible builds."""
    day = today
    if source_date_epoch:
        try:
            day = dt.datetime.fromtimestamp(int(source_date_epoch), dt.timezone.utc).date()
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (got {source_date_epoch!r})") from None
    return {"iso": day.isoformat(), "text": long_date(day)}


def published_url(site_url: str | None) -> str | None:
    """The public address, or None when the build has none: ITB_SITE_URL unset (mkdocs.yml then uses the
    placeholder https://itb-handbook.example.org/), or not a public address (macros/site_url.py decides)."""
    return site_url_check.public_url(site_url)


def publish_problem(site_url: str | None, publish: str | None) -> str | None:
    """One line saying why a publishing build (ITB_PUBLISH=1, as `make build PUBLISH=1` and the Dockerfile
    set it) must stop, else None. site_url is the config's (mkdocs.yml reads it from ITB_SITE_URL)."""
    if (publish or "").strip().lower() not in ("1", "true", "yes"):
        return None
    found = site_url_check.problem(site_url)
    return f"A publishing build needs the site's public address in ITB_SITE_URL: {found}" if found else None


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




def emergency_signs(symptoms: SymptomsFile, max_rank: int | None = None) -> EmergencySigns:
    """The emergency-tier signs of data/symptoms.yml, in file order, optionally only those ranked 1 to
    max_rank. A sign worded the same on both sides (for example a seizure) is listed once, under `both`."""
    withdrawal: list[str] = []
    overdose: list[str] = []
    both: list[str] = []

    def wanted(sign) -> bool:
        return sign.tier == "emergency" and (max_rank is None or (sign.rank or 0) <= max_rank)
    for feature in symptoms.features:
        w = [s.sign for s in feature.withdrawal if wanted(s)]
        o = [s.sign for s in feature.overdose if wanted(s)]
        same = [s for s in w if s.casefold() in {x.casefold() for x in o}]
        both += [s for s in same if s not in both]
        withdrawal += [s for s in w if s not in same]
        overdose += [s for s in o if s.casefold() not in {x.casefold() for x in same}]
    if not withdrawal or not overdose:
        raise ValueError("data/symptoms.yml: the emergency card needs at least one emergency-tier sign for "
                         f"withdrawal and one for overdose (found {len(withdrawal)} and {len(overdose)})")
    return EmergencySigns(withdrawal, overdose, both)


def card_signs(symptoms: SymptomsFile) -> EmergencySigns:
    """The wallet card's signs: every emergency-tier sign of data/symptoms.yml, so the card and the web list
    the same call-911 signs (the staff steps and write-in fields are on the back)."""
    return emergency_signs(symptoms)


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


def _pair(first: str, second: str) -> str:
    return f'<div class="fill-pair">{first}{second}</div>'


def _card_faces(signs: EmergencySigns, *, call_now: str, staff_steps: list[str], pump_team_phone: str | None,
                more_url: str | None, where: str) -> str:
    """The front and the back of the card (where: 'card' for the wallet-size one, 'large' for the copy)."""
    both = ""
    if signs.both:
        both = f'<p class="wallet-card__both"><strong>Either:</strong> {esc(", ".join(signs.both).lower().capitalize())}</p>'
    suffix = "" if where == "card" else ", full size"
    front = (
        f'<section class="wallet-card__face wallet-card__front" aria-label="Front of the card{suffix}">'
        '<div class="wallet-card__inner"><p class="wallet-card__title">I have an intrathecal baclofen pump</p>'
        + _field("Name", name="name")
        + _field("Date of birth", name="date-of-birth")
        + f'<p class="wallet-card__call">{esc(call_now)} if I have:</p>'
        '<div class="wallet-card__columns">'
        '<div><p class="wallet-card__side">Too little (withdrawal)</p>'
        + _list(signs.withdrawal, "wallet-card__signs") + "</div>"
        '<div><p class="wallet-card__side">Too much (overdose)</p>'
        + _list(signs.overdose, "wallet-card__signs") + "</div>"
        "</div>" + both + "</div></section>")
    more = (f'<p class="wallet-card__more">More: {esc(more_url)}</p>' if more_url else
            '<p class="wallet-card__more">More: &ldquo;For emergency staff&rdquo; in the Baclofen Pump Handbook</p>')
    back = (
        f'<section class="wallet-card__face wallet-card__back" aria-label="Back of the card{suffix}">'
        '<div class="wallet-card__inner"><p class="wallet-card__title">For emergency staff</p>'
        '<ol class="wallet-card__steps no-readability">'
        + "".join(f"<li>{esc(s)}</li>" for s in staff_steps) + "</ol>"
        '<div class="wallet-card__fields">'
        + _field("Pump model and size", name="pump-model")
        + _pair(_field("Strength", name="concentration", unit="mcg/mL"),
                _field("Daily dose", name="dose", unit="mcg/day"))
        + _pair(_field("Alarm date", name="alarm-date"), _field("Refill by", name="refill-by"))
        + _pair(_field("Hospital", name="hospital"),
                _field("Pump team phone", pump_team_phone or "", name="pump-team-phone"))
        + "</div>" + more + "</div></section>")
    return front + back


def emergency_card(signs: EmergencySigns, *, call_now: str, staff_steps: list[str], emergency_number: str,
                   pump_team_phone: str | None, more_url: str | None) -> str:
    """The wallet card: front and back side by side (85 x 55 mm each on paper), to cut out and fold, with cut
    and fold marks; then, on the same sheet, the same card full size, to keep at home or in a bag.

    call_now is the emergency tier's wording ("Call 911 now"); staff_steps are what emergency staff should do
    first (plain text, at most 5, written on the page so the wording stays with its sources). more_url is the
    staff page's address without the scheme, or None when the build has no public address."""
    if not staff_steps:
        raise ValueError("emergency_card: staff_steps needs at least one step for emergency staff")
    if len(staff_steps) > 5:
        raise ValueError(f"emergency_card: at most 5 staff steps fit on a wallet card (got {len(staff_steps)})")
    kw = dict(call_now=call_now, staff_steps=staff_steps, pump_team_phone=pump_team_phone, more_url=more_url)
    return ('<div class="wallet-card handout-sheet' + ("" if more_url else " handout-sheet--local") + '">'
            '<p class="handout-instructions">Cut along the dashed line. Fold along the dotted line (at the marks), '
            'so the front and back face out.</p>'
            f'<div class="wallet-card__strip wallet-card__strip--card">{_card_faces(signs, where="card", **kw)}</div>'
            '<div class="wallet-card__large print-only">'
            '<p class="wallet-card__large-title">The same card, full size: keep it at home or in your bag</p>'
            f'<div class="wallet-card__strip wallet-card__strip--large">{_card_faces(signs, where="large", **kw)}'
            '</div></div></div>')


def pump_record(*, clinic_name: str | None, pump_team_phone: str | None, after_hours_phone: str | None,
                emergency_number: str, log_rows: int = 8, planner_config_html: str = "", local: bool = False) -> str:
    """The 'My pump record' fill-in sheet. Clinic settings pre-fill the contacts; pump-record.js fills the
    pump and date fields from a refill-planner link. Every field has a data-field name for the script."""
    if log_rows < 1:
        raise ValueError(f"pump_record: log_rows must be at least 1 (got {log_rows})")
    me = ("<section class=\"record__group record__group--me\" aria-label=\"About me\">"
          "<p class=\"record__heading\">About me</p>"
          + _field("Name", name="name")
          + _field("Date of birth", name="date-of-birth")
          + "</section>")
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
    local_class = " handout-sheet--local" if local else ""  # a build with no public address prints none
    return (f'<div class="pump-record handout-sheet{local_class}">' + planner_config_html
            + '<p class="pump-record__planner-note" role="status" hidden></p>'
            f'<div class="record__groups">{me}{pump}{dates}{team}</div>{log}'
            '<p class="record__check">Check every date against the printout from your clinic\'s programmer. '
            'That printout gives your real dates.</p></div>')


# ---------------------------------------------------------------- the paper refill worksheet

@dataclass(frozen=True)
class WorkedExample:
    """One refill worked through with macros/refill.py (the same exact arithmetic as the tables)."""
    pump_name: str
    filled_ml: Fraction
    alarm_ml: Fraction
    conc: Fraction
    dose: Fraction
    margin_days: int
    cap_days: int
    usable_ml: Fraction
    rate_ml_per_day: Fraction
    days_to_alarm: int
    refill_by_days: int | None
    capped: bool


def worked_example(*, pump_name: str, reservoir_ml, alarm_ml, conc, dose, margin_days: int,
                   cap_days: int) -> WorkedExample:
    """A pump filled to the top, worked through refill.plan()."""
    result = refill_math.plan(filled_ml=reservoir_ml, alarm_ml=alarm_ml, conc=conc, dose=dose,
                              margin_days=margin_days, cap_days=cap_days, reservoir_ml=reservoir_ml)
    filled, alarm = refill_math.exact(reservoir_ml), refill_math.exact(alarm_ml)
    return WorkedExample(pump_name=pump_name, filled_ml=filled, alarm_ml=alarm, conc=refill_math.exact(conc),
                         dose=refill_math.exact(dose), margin_days=margin_days, cap_days=cap_days,
                         usable_ml=filled - alarm, rate_ml_per_day=result.rate_ml_per_day,
                         days_to_alarm=result.days_to_alarm, refill_by_days=result.refill_by_days,
                         capped="capped" in result.warnings)


def decimal_words(q: Fraction) -> str:
    """An exact number as a patient writes it: 0.2, 18, 1,000; 'about 0.267' when it does not end."""
    thousandths = q * 1000
    if thousandths.denominator == 1:
        return fmt_num(int(thousandths) / 1000)
    return "about " + fmt_num(refill_math.round_thousandths(q) / 1000)


def _ws_box(label: str, unit: str = "") -> str:
    unit_html = f'<span class="ws-box__unit">{esc(unit)}</span>' if unit else ""
    return (f'<span class="ws-box"><span class="ws-box__label">{esc(label)}</span>'
            f'<span class="ws-box__write">{unit_html}</span></span>')


def _ws_row(first: tuple[str, str], op: str, second: tuple[str, str], result: tuple[str, str]) -> str:
    return (f'<div class="ws-row">{_ws_box(*first)}<span class="ws-op" aria-hidden="true">{op}</span>'
            f'{_ws_box(*second)}<span class="ws-op" aria-hidden="true">=</span>{_ws_box(*result)}</div>')


def refill_worksheet(example: WorkedExample, *, pump_team: str) -> str:
    """The refill planner on paper: the four steps with boxes to write each number, one worked example
    (numbers from worked_example(), never typed), and the reminder that the printout gives the real date.
    Shown in print (and the PDF) in place of the planner's form; hidden on screen (class print-only)."""
    e = example
    num = decimal_words
    if e.refill_by_days is None:
        raise ValueError("refill_worksheet: the worked example's alarm comes within the safety margin; "
                         "choose an example with more days")
    by = f"{num(Fraction(e.days_to_alarm))} &minus; {num(Fraction(e.margin_days))} = "
    if e.capped:
        by += (f"{num(Fraction(e.days_to_alarm - e.margin_days))} days. That is more than {fmt_num(e.cap_days)}, "
               f"so the refill is due by day {num(Fraction(e.refill_by_days))}")
    else:
        by += f"{num(Fraction(e.refill_by_days))} days"
    steps = [
        ("How much medicine can be used before the alarm",
         "Take the amount left when the alarm sounds away from the amount put in at the refill.",
         _ws_row(("Amount put in", "mL"), "&minus;", ("Amount left at the alarm", "mL"), ("Can be used", "mL")),
         f"{num(e.filled_ml)} mL &minus; {num(e.alarm_ml)} mL = {num(e.usable_ml)} mL"),
        ("How much the pump uses each day",
         "Divide the daily dose by the strength of the medicine.",
         _ws_row(("Daily dose", "mcg a day"), "&divide;", ("Strength", "mcg/mL"), ("Used each day", "mL a day")),
         f"{num(e.dose)} mcg a day &divide; {num(e.conc)} mcg/mL = {num(e.rate_ml_per_day)} mL a day"),
        ("Days until the alarm",
         "Divide the answer to step 1 by the answer to step 2. Round down to whole days.",
         _ws_row(("Answer to step 1", "mL"), "&divide;", ("Answer to step 2", "mL a day"), ("Days to the alarm", "days")),
         f"{num(e.usable_ml)} mL &divide; {num(e.rate_ml_per_day)} mL a day = "
         f"{num(Fraction(e.days_to_alarm))} days"),
        ("The refill-by day",
         f"Take away a few spare days (the safety margin). The answer is never more than about "
         f"{fmt_num(e.cap_days)} days.",
         _ws_row(("Answer to step 3", "days"), "&minus;", ("Safety margin", "days"), ("Refill by day", "days")),
         by),
    ]
    items = "".join(
        f'<li class="ws-step"><p class="ws-step__title"><strong>{esc(title)}.</strong> {esc(how)}</p>{row}'
        f'<p class="ws-example"><span class="ws-example__label">Example:</span> {example_html}</p></li>'
        for title, how, row, example_html in steps)
    dates = ('<div class="ws-dates">' + _ws_box("Date of the refill") +
             '<span class="ws-op ws-op--words">plus the refill-by day gives</span>' + _ws_box("Refill by (date)") +
             "</div>")
    return ('<section class="refill-worksheet print-only" aria-label="Refill worksheet">'
            '<p class="ws-title">Refill worksheet</p>'
            '<p class="ws-intro">Write each number in its box. '
            f'The example under each step uses a {esc(e.pump_name)} pump filled to the top, medicine with '
            f'{num(e.conc)} mcg in each mL, and a daily dose of {num(e.dose)} mcg.</p>'
            f'<ol class="ws-steps">{items}</ol>{dates}'
            '<p class="ws-reminder"><strong>This worksheet is for learning only. The printout from your '
            "clinic's programmer gives your real date.</strong> "
            f"Keep every refill appointment that {esc(pump_team)} gives you.</p></section>")
