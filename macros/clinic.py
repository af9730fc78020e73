"""How the site names the reader's own care team. Generic wording when no clinic is set.

Every clinic setting is plain text, never HTML or Markdown. Three forms, one for each place it lands:
- raw text: what render functions take (they escape it once, with html.esc);
- `inert(text)`: for page variables used inside Markdown ({{ pump_team }}, {{ emergency_number }}): every
  character that could mean something to Markdown or HTML becomes a numeric character reference, so
  Markdown leaves it alone and the browser shows the literal text;
- `template_values(clinic)`: for the theme's Jinja templates (config.extra.clinic), raw text that the
  templates escape with `| e`, plus the tel: links made by `tel_href`.
"""
from __future__ import annotations

import re

from .html import esc
from .models import ClinicFile

_NUMERIC_REF = re.compile(r"&#([0-9]{1,7});")


def pump_team(clinic: ClinicFile) -> str:
    return f"the {clinic.name} pump team" if clinic.name else "your pump team"


def pump_team_contact(clinic: ClinicFile) -> str:
    """'your pump team' or 'the Example Neurology Clinic pump team on 555-0100' (plain text)."""
    text = pump_team(clinic)
    if clinic.pump_team_phone:
        text += f" on {clinic.pump_team_phone}"
    return text


def inert(text: str) -> str:
    """Plain text as Markdown- and HTML-inert source: letters, digits and spaces stay, every other
    character becomes &#N; ('*x*' -> '&#42;x&#42;'). Markdown passes character references through, and the
    browser shows the original text. `plain` turns it back."""
    return "".join(ch if ch.isalnum() or ch == " " else f"&#{ord(ch)};" for ch in str(text))


def plain(text: str) -> str:
    """Undo `inert` (numeric character references back to characters), for a macro that escapes its own
    argument and is called with a page variable in it: care_card('Call ' ~ pump_team ~ ' today if:')."""
    return _NUMERIC_REF.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) < 0x110000 else m.group(0),
                            str(text))


def tel_href(number: str) -> str:
    """The one rule for tel: links: the digits, and a leading + if there is one.
    '1 (555) 010-0100' -> 'tel:15550100100'; '+44 20 7946 0000' -> 'tel:+442079460000'."""
    number = str(number).strip()
    digits = "".join(ch for ch in number if ch.isascii() and ch.isdigit())
    return "tel:" + ("+" if number.startswith("+") else "") + digits


def tel_link(number: str, text: str | None = None, css_class: str = "tel") -> str:
    """A tap-to-call link; text (plain, escaped here) defaults to the number itself."""
    return (f'<a class="{esc(css_class)}" href="{esc(tel_href(number))}">'
            f'{esc(number if text is None else text)}</a>')


def page_variables(clinic: ClinicFile) -> dict[str, str]:
    """The clinic wording for page Markdown ({{ pump_team }} ...), inert (see `inert`)."""
    return {"pump_team": inert(pump_team(clinic)),
            "pump_team_contact": inert(pump_team_contact(clinic)),
            "emergency_number": inert(clinic.emergency_number)}


def inert_settings(clinic: ClinicFile) -> dict:
    """The `clinic` page variable: every setting, inert (None stays None, so `{% if clinic.name %}` works)."""
    return {k: (inert(v) if v is not None else None) for k, v in clinic.model_dump(mode="json").items()}


def template_values(clinic: ClinicFile) -> dict:
    """config.extra.clinic for the theme's templates: the settings as raw text (templates escape them
    with `| e`), the pump team's name, and the tel: link of each number (one rule: `tel_href`)."""
    values = clinic.model_dump(mode="json")
    values["pump_team"] = pump_team(clinic)
    for key in ("pump_team_phone", "after_hours_phone", "emergency_number"):
        values[key + "_tel"] = tel_href(values[key]) if values[key] else None
    return values


def contact_block(clinic: ClinicFile) -> str:
    """The clinic's contact details as an HTML definition list, or the generic advice when unset."""
    rows = [("Emergency", tel_link(clinic.emergency_number))]
    if clinic.name:
        rows.insert(0, ("Clinic", esc(clinic.name)))
    rows.append(("Pump team", tel_link(clinic.pump_team_phone) if clinic.pump_team_phone
                 else "the number your pump clinic gave you (see your wallet card, pump ID card or "
                      "discharge papers)"))
    if clinic.after_hours_phone:
        rows.append(("After hours", tel_link(clinic.after_hours_phone)))
    if clinic.address:
        rows.append(("Address", esc(clinic.address)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="clinic-contacts">{body}</dl>'
