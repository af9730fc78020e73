"""How the site names the reader's own care team. Generic wording when no clinic is set."""
from __future__ import annotations

from .html import esc
from .models import ClinicFile


def pump_team(clinic: ClinicFile) -> str:
    return f"the {clinic.name} pump team" if clinic.name else "your pump team"


def pump_team_contact(clinic: ClinicFile) -> str:
    """'your pump team' or 'the Example Neurology Clinic pump team on 555-0100' (plain text)."""
    text = pump_team(clinic)
    if clinic.pump_team_phone:
        text += f" on {clinic.pump_team_phone}"
    return text


def tel_link(number: str, text: str | None = None, css_class: str = "tel") -> str:
    """A tap-to-call link; text (plain, escaped here) defaults to the number itself."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f'<a class="{esc(css_class)}" href="tel:{esc(digits)}">{esc(number if text is None else text)}</a>'


def contact_block(clinic: ClinicFile) -> str:
    """The clinic's contact details as an HTML definition list, or the generic advice when unset."""
    rows = [("Emergency", tel_link(clinic.emergency_number))]
    if clinic.name:
        rows.insert(0, ("Clinic", esc(clinic.name)))
    rows.append(("Pump team", tel_link(clinic.pump_team_phone) if clinic.pump_team_phone
                 else "the number your pump clinic gave you"))
    if clinic.after_hours_phone:
        rows.append(("After hours", tel_link(clinic.after_hours_phone)))
    if clinic.address:
        rows.append(("Address", esc(clinic.address)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="clinic-contacts">{body}</dl>'
