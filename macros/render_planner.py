"""The refill planner form (docs/refill-planner.md). The HTML is rendered here, hidden until
docs/javascripts/planner.js runs; the page's static table and explanation work without JavaScript.

Every message the planner can show is written here, once, and handed to the JavaScript in a JSON
block, together with the pumps, strengths, limits and defaults from data/*.yml."""
from __future__ import annotations

import posixpath
from pathlib import Path

from .dates import browser_format
from .html import IdMaker, esc, fmt_num
from .models import DrugFile, RefillFile
from .planner_links import DATE_MAX, DATE_MIN, KEY_NAMES, date_range_words
from .refill import LIMITS, LONG_EMPTY_DAYS, about, exact, usual_dose_ranges
from .render_actions import sentence as action_sentence
from .render_print import config_script  # the one JSON-in-script escaper

# What each empty field asks for ("Enter ...").
WHAT = {
    "pump": "Choose your pump, or choose “Another pump”.",
    "reservoir": "Enter the size of the pump’s reservoir in mL, like 20.",
    "vol": "Enter how much medicine was put in at the refill, in mL, like 20.",
    "alarm": "Enter the low-reservoir alarm volume in mL, like 2.",
    "concChoice": "Choose the strength, or choose “Another strength”.",
    "conc": "Enter the strength in mcg/mL, like 2000.",
    "dose": "Enter the daily dose in mcg a day, like 400.",
    "filled": "Enter the date of the last refill.",
    "margin": "Enter the number of days, like 7.",
}


def messages(pump_team: str) -> dict[str, str]:
    """Field messages. {x} names are filled in by the JavaScript."""
    return {
        "not_number": "Enter a number using only digits and a decimal point, like {example}.",
        "separators": ("We cannot tell which number this is. Type it with no commas, like 2000, and use a point "
                       "for decimals, like 0.5."),
        "mg": "Did you mean {mcg} mcg? Doses are in micrograms (mcg), not milligrams (mg).",
        "decimals": "Use no more than 3 digits after the decimal point.",
        "not_positive": "This must be more than 0.",
        "negative": "This cannot be less than 0.",
        "too_small": "This is too small to be right. Check the number.",
        "too_large": "This number is far too big to be right. Check it.",
        "not_whole": "Enter whole days, like 7.",
        "over_reservoir": "This is more than the pump holds ({reservoir} mL). Check both numbers.",
        "alarm_at_fill": ("The alarm volume is the same as or more than the volume filled, so the alarm would "
                          f"sound straight away. Check both numbers with {pump_team}."),
        "bad_date": "Enter a real date, like 2026-11-20.",
        "date_range": f"Enter a date {date_range_words()}. The planner works only with dates in that range.",
        "link_date": ("The refill date in the link could not be used. Enter the date of the last refill to see "
                      "your dates."),
        "unknown_pump": "Choose a pump from the list.",
        "filled_too_far": ("This date is more than {max} days after today. Check the year, and enter the date of "
                           "the last refill."),
        "ics_future": ("These dates start from a refill date, {filled}, that had not happened yet when this "
                       "reminder was made. If that refill had already happened, check the year and make a new "
                       "reminder."),
    }


def about_in_brackets(days) -> str:
    """' (about 6 months)' for 180 days, computed from the value; '' when the days need no rounding words."""
    words = about(int(days)) if days is not None else ""
    return f" ({words})" if words else ""


def warnings(pump_team: str, refill: RefillFile, drug: DrugFile) -> dict[str, str]:
    """Warnings in plain words. None of them advises a dose."""
    cap = fmt_num(refill.max_interval_days.value)
    max_conc = fmt_num(max(c.mcg_per_ml for c in drug.concentrations.refill))
    limited = fmt_num(drug.limited_experience_above_mcg_per_day.value)
    return {
        "filled_future": ("This refill date, {filled}, hasn't happened yet. The dates below start from it. "
                          "If your last refill has already happened, check the year."),
        "below_min_flow": ("At this strength, this dose is below the smallest amount the pump can deliver "
                           "({min_flow} mL a day). A weaker strength would be needed. "
                           f"Check the numbers with {pump_team}."),
        "capped": (f"The alarm would not sound for more than {cap} days. Pump makers advise a refill within about "
                   f"{cap} days{about_in_brackets(refill.max_interval_days.value)}, so the refill-by date is set at "
                   f"{cap} days."),
        "within_margin": ("The alarm comes within your safety margin of {margin} days, so there is no refill-by "
                          f"date. Check these numbers with {pump_team}."),
        "dose_unusual": f"This is outside the usual range — check the number with {pump_team}.",
        "dose_high": (f"This is above {limited} mcg a day. The drug label says there is little experience with "
                      f"doses this high — check the number with {pump_team}."),
        "conc_high": (f"This strength is above {max_conc} mcg/mL, the strongest sold in the US — "
                      f"check the number with {pump_team}."),
        "margin_zero": ("Your safety margin is 0 days, so the refill-by date is the alarm date itself. "
                        "There are no spare days if the alarm comes early."),
    }


def _actions(actions):
    """data/actions.yml's rows (read from data/ when a caller, such as a unit test, passes none)."""
    if actions is not None:
        return actions
    from .data import load_site_data  # noqa: PLC0415 (only when a caller passes no actions)
    return load_site_data(Path(__file__).resolve().parent.parent / "data").actions


def advice(pump_team: str, actions=None, emergency_number: str = "911") -> dict[str, str]:
    """How soon to call, in the words of data/actions.yml (one voice with every other page)."""
    actions = _actions(actions)
    say = lambda i: action_sentence(actions, i, emergency_number=emergency_number, pump_team=pump_team)  # noqa: E731
    return {"missed": say("missed-refill"), "book": say("refill-due-no-visit"), "low": say("single-tone-alarm")}


def states(pump_team: str, actions=None, emergency_number: str = "911") -> dict[str, str]:
    """The message that leads the result when a date is close or has passed ("today" is the reader's own
    date, in the browser). Each tells the reader what to do, in the actions table's words."""
    say = advice(pump_team, actions, emergency_number)
    return {
        "alarm_past": f"Your alarm date has passed or is today. {say['missed']}",
        "refill_past": f"Your refill-by date has passed or is today. {say['book']} Do not wait for the alarm.",
        "book_now": f"The alarm is due within your safety margin. {say['book']} Do not wait for the alarm.",
        # issue 18: when the pump would have been empty for weeks, ask first whether it has been refilled since
        "long_empty": ("Has the pump been refilled since {filled}? If it has not, these numbers say it would have "
                       "been empty for {days} days."),
        "long_empty_link": "If it has, enter the date of the latest refill.",
        "long_empty_not": "If it has not:",
        "out_of_range": (f"Some dates are after {DATE_MAX.year}. The planner works only with dates "
                         f"{date_range_words()}, so it cannot show them or make a reminder."),
    }


def notices() -> dict[str, str]:
    """Notices about a link's settings. They never repeat text from the link except a known key's name."""
    return {
        "used_not": "Some settings in the link were not used: {list}.",
        "not_understood": "Parts of this link were not understood, so they were not used.",
        "reasons": {"bad": "not a clear value", "range": "out of range", "pump": "not a pump we know",
                    "date": "not a real date " + date_range_words(), "twice": "given twice", "empty": "empty",
                    "reservoir_named": "not used with a named pump: the planner uses that pump's size"},
    }


def dec(value) -> str:
    """An exact decimal string with at most 3 decimals (what the JavaScript parser accepts)."""
    q = exact(value)
    scaled = q * 1000
    if scaled.denominator != 1:
        raise ValueError(f"{value!r} has more than 3 decimal places; the planner works in thousandths")
    whole, frac = divmod(int(scaled), 1000)
    return str(whole) if frac == 0 else f"{whole}.{frac:03d}".rstrip("0")


def planner_config(pumps: dict, drug: DrugFile, refill: RefillFile, pump_team: str, site_name: str,
                   actions=None, emergency_number: str = "911") -> dict:
    cap, margin = refill.max_interval_days.value, refill.default_margin_days.value
    if cap is None or margin is None:
        raise ValueError("data/refill.yml: max_interval_days and default_margin_days must be known for the planner")
    return {
        "site": site_name,
        "pumps": [{"id": p.id, "name": p.name, "reservoir": dec(p.reservoir_ml.value),
                   "alarm": dec(p.default_alarm_ml.value) if p.default_alarm_ml.value else None,
                   "alarmNote": None if p.default_alarm_ml.value else p.default_alarm_ml.note,
                   "minFlow": dec(p.min_flow_ml_per_day.value) if p.min_flow_ml_per_day.value else None}
                  for p in pumps.values()],
        "concs": [dec(c.mcg_per_ml) for c in drug.concentrations.refill],
        "maxListedConc": dec(max(c.mcg_per_ml for c in drug.concentrations.refill)),
        "margin": int(margin),
        "cap": int(cap),
        "longEmptyDays": LONG_EMPTY_DAYS,
        "maxDaysAhead": int(cap),   # a refill date further after the reader's today is refused (refill.fill_date_check)
        "usual": [[dec(lo), dec(hi)] for lo, hi in
                  usual_dose_ranges([(m.range.min, m.range.max) for m in drug.maintenance_mcg_per_day])],
        "limitedAbove": dec(drug.limited_experience_above_mcg_per_day.value),
        "limits": {k: [dec(lo), dec(hi)] for k, (lo, hi) in LIMITS.items()},
        "keys": list(KEY_NAMES),
        "dateRange": [DATE_MIN.isoformat(), DATE_MAX.isoformat()],
        "states": states(pump_team, actions, emergency_number),
        "dates": browser_format("en"),  # dates in words, as macros/dates.py writes them
        "notices": notices(),
        "what": WHAT,
        "messages": messages(pump_team),
        "warnings": warnings(pump_team, refill, drug),
    }


def _field(ids: IdMaker, name: str, label: str, hint: str = "", kind: str = "text", control: str = "",
           hidden: bool = False, extra_class: str = "") -> str:
    fid, hid, eid = ids(f"planner-{name}"), ids(f"planner-{name}-hint"), ids(f"planner-{name}-error")
    described = f"{hid} {eid}" if hint else eid
    if not control:
        mode = ' inputmode="decimal"' if kind == "text" else ""
        control = (f'<input id="{fid}" name="{name}" type="{kind}" data-field="{name}"{mode} autocomplete="off" '
                   f'aria-describedby="{described}">')
    else:
        control = control.format(id=fid, described=described)
    hint_html = f'<p class="itb-hint" id="{hid}">{hint}</p>' if hint else ""
    return (f'<div class="itb-field{extra_class}" data-wrap="{name}"{" hidden" if hidden else ""}>'
            f'<label for="{fid}">{label}</label>{hint_html}{control}'
            f'<p class="itb-error" id="{eid}" data-error-for="{name}" aria-live="polite"></p></div>')


# "Copy link" in a copy read from disk (file://), when the build had no public address (issue 23).
FILE_LINK_NOTE = ("This copy of the handbook is on your computer, so a link to it only works on this computer. "
                  "Write the numbers down to share them.")


def refill_planner(pumps: dict, drug: DrugFile, refill: RefillFile, ids: IdMaker, pump_team: str,
                   site_name: str, record_href: str = "", public_page: str | None = None, actions=None,
                   emergency_number: str = "911") -> str:
    """The planner. record_href (relative URL of the pump-record page, if the site has one) adds a link that
    carries the same settings there. public_page is this page's public address (None in a local build): read
    from disk, "Copy link" copies it with the numbers instead of a file:/// path, or says FILE_LINK_NOTE."""
    config = planner_config(pumps, drug, refill, pump_team, site_name, actions, emergency_number)
    config["publicPage"] = public_page
    config["fileLinkNote"] = FILE_LINK_NOTE
    root = ids("planner")
    pump_opts = ('<option value="">Choose your pump</option>'
                 + "".join(f'<option value="{esc(p.id)}">{esc(p.name)}</option>' for p in pumps.values())
                 + '<option value="custom">Another pump, or I’m not sure</option>')
    conc_opts = ('<option value="">Choose the strength</option>'
                 + "".join(f'<option value="{dec(c.mcg_per_ml)}">{fmt_num(c.mcg_per_ml)} mcg/mL</option>'
                           for c in drug.concentrations.refill)
                 + '<option value="custom">Another strength</option>')
    select = '<select id="{id}" name="%s" data-field="%s" aria-describedby="{described}">%s</select>'
    margin = fmt_num(refill.default_margin_days.value)
    form = (
        f'<form class="itb-planner__form" novalidate hidden aria-label="Refill planner">'
        f'<p class="itb-planner__ignored" data-role="ignored" role="status"></p>'
        f'<fieldset><legend>Your pump</legend>'
        + _field(ids, "pump", "Pump", control=select % ("pump", "pump", pump_opts))
        + _field(ids, "reservoir", "Reservoir size (mL)", hint="How much the pump holds when full.", hidden=True)
        + _field(ids, "vol", "Volume put in at the last refill (mL)",
                 hint="Usually the full reservoir. If you leave it empty, the planner uses the full reservoir.")
        + _field(ids, "alarm", "Low-reservoir alarm volume (mL)",
                 hint="The pump beeps when this much is left. Your printout shows it.")
        + '</fieldset><fieldset><legend>Your medicine</legend>'
        + _field(ids, "concChoice", "Strength (mcg/mL)", control=select % ("concChoice", "concChoice", conc_opts))
        + _field(ids, "conc", "Other strength (mcg/mL)", hidden=True)
        + _field(ids, "dose", "Daily dose (mcg a day)",
                 hint="If your dose changes during the day, use the total for the whole day.")
        + '</fieldset><fieldset><legend>Dates</legend>'
        + _field(ids, "filled", "Date of the last refill", kind="date",
                 control=('<input id="{id}" name="filled" type="date" data-field="filled" autocomplete="off" '
                          f'min="{DATE_MIN.isoformat()}" max="{DATE_MAX.isoformat()}" '
                          'aria-describedby="{described}">'))
        + _field(ids, "margin", "Safety margin (days)",
                 hint=f"How many days before the alarm you want the refill. Clinics use about 3 to 10 days. "
                      f"The planner starts with {margin}.")
        + '</fieldset>'
        f'<div class="itb-planner__actions"><button type="submit" class="itb-button itb-button--primary">'
        f'Work out my dates</button></div>'
        f'</form>')
    link_id, title_id = ids("planner-link"), ids("planner-result-title")
    result = (
        f'<div class="itb-planner__result" data-role="result" tabindex="-1" aria-labelledby="{title_id}" hidden>'
        f'<h3 class="itb-planner__result-title" id="{title_id}">Your dates</h3>'
        f'<p class="itb-planner__state" data-role="state" role="alert" hidden></p>'
        f'<p class="itb-planner__summary" data-role="summary" role="status"></p>'
        f'<dl class="itb-planner__numbers" data-role="numbers"></dl>'
        f'<ul class="itb-planner__warnings" data-role="warnings"></ul>'
        # the key sentence, at body size (issue 18): its own class, with no smaller font
        f'<p class="itb-planner__printout"><strong>Your real date is on the printout from your clinic’s '
        f'programmer.</strong> This planner is for learning only. It does not give medical advice.</p>'
        # the arithmetic is an aside: closed until the reader asks for it
        f'<details class="itb-planner__how" data-role="how"><summary>How this works</summary>'
        f'<p class="itb-planner__working" data-role="working"></p></details>'
        f'<div class="itb-planner__tools">'
        f'<button type="button" class="itb-button" data-role="copy">Copy link</button>'
        f'<button type="button" class="itb-button" data-role="ics">Add a reminder</button>'
        + (f'<a class="itb-button" data-role="record" href="{esc(record_href)}">Put these dates on your pump record</a>'
           if record_href else "")
        + f'</div>'
        f'<p class="itb-planner__ics-note" data-role="ics-note"></p>'
        f'<div class="itb-field" data-role="link-wrap" hidden><label for="{link_id}">Link to these '
        f'numbers</label><input id="{link_id}" type="text" readonly data-role="link"></div>'
        f'<p class="itb-planner__status" data-role="status" role="status"></p>'
        f'</div>')
    nojs = ('<p class="itb-planner__nojs" data-role="nojs">The planner needs JavaScript, which is off or has not '
            'loaded. The table and the steps on this page show the same sums.</p>')
    return (f'<div class="itb-planner" id="{root}" data-itb-planner>{config_script(config)}{nojs}{form}{result}'
            f"</div>")


RECORD_PAGE = "pump-record.md"  # the "My pump record" sheet, when the site has one


def page_url(src: str, directory_urls: bool) -> str:
    """'pump-record.md' -> 'pump-record/' (or 'pump-record.html'), as MkDocs names the built page."""
    stem = src.rsplit(".", 1)[0]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at from_url ('refill-planner/') to target ('pump-record/') -> '../pump-record/'."""
    base = (from_url.rstrip("/") if from_url.endswith("/") else posixpath.dirname(from_url)) or "."
    rel = posixpath.relpath(target.rstrip("/") or ".", base)
    return rel + "/" if target.endswith("/") else rel


def record_href(docs_dir: Path, directory_urls: bool, from_url: str) -> str:
    """Relative link from the planner page to the pump-record page, or "" when the site has none."""
    if not (Path(docs_dir) / RECORD_PAGE).exists():
        return ""
    return relative_url(page_url(RECORD_PAGE, directory_urls), from_url)


def refill_timeline(margin_days, pump_team: str, actions=None, emergency_number: str = "911") -> str:
    """The four dates in order, as a simple picture (an ordered list drawn as a timeline by tools.css)."""
    steps = (
        ("Refill day", "The pump is filled. The days count from here."),
        ("Refill by", f"Your next refill should be by this date. It is a few spare days before the alarm. "
                      f"The planner starts with {fmt_num(margin_days)} days."),
        ("Alarm", f"The pump beeps: its medicine is low. {esc(advice(pump_team, actions, emergency_number)['low'])}"),
        ("Pump empty", "The medicine stops. Never let it get this far."),
    )
    items = "".join(f'<li class="itb-timeline__step"><span class="itb-timeline__name">{name}</span>'
                    f'<span class="itb-timeline__text">{text}</span></li>' for name, text in steps)
    return f'<ol class="itb-timeline" aria-label="The refill dates, in order">{items}</ol>'
