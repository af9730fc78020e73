"""What to do, and how soon, from data/actions.yml: one row per situation, one tier, one action sentence.

action_text renders a row's sentence inline; action_card renders a care card for one or more rows that share
an action. Each rendered row carries data-action-id and data-tier, so a test can check that every page gives
one situation one tier."""
from __future__ import annotations

from .care_cards import care_card
from .clinic import inert
from .html import esc
from .models import ActionsFile

CARD_KIND = {"emergency": "emergency", "urgent": "urgent", "watch": "routine"}


def action_row(actions: ActionsFile, action_id: str):
    for row in actions.actions:
        if row.id == action_id:
            return row
    raise ValueError(f"data/actions.yml: no situation with id {action_id!r} "
                     f"(known: {', '.join(r.id for r in actions.actions)})")


def fill(text: str, emergency_number: str, pump_team: str) -> str:
    return text.replace("{emergency_number}", emergency_number).replace("{pump_team}", pump_team)


def sentence(actions: ActionsFile, action_id: str, *, emergency_number: str, pump_team: str) -> str:
    """A row's action sentence as plain text (for discharge notes, the planner's config, the PDF)."""
    return fill(action_row(actions, action_id).action, emergency_number, pump_team)


def attrs(row) -> str:
    return f'data-action-id="{esc(row.id)}" data-tier="{esc(row.tier)}"'


def marked(row, inner_html: str, mark: bool) -> str:
    """mark: the build has no pump-team number, so a "call your pump team" action is marked for the reader's
    own saved number (docs/javascripts/my-numbers.js). Without JavaScript nothing changes."""
    return f"<span data-pump-team-call>{inner_html}</span>" if mark and "{pump_team}" in row.action else inner_html


def action_text(actions: ActionsFile, action_id: str, *, emergency_number: str, pump_team: str,
                unsure: bool = False, mark: bool = False) -> str:
    """The sentence inline: <span class="itb-action" data-action-id=".." data-tier="..">Call ... </span>.
    With unsure, the row's if_unsure sentence follows."""
    row = action_row(actions, action_id)
    # Inline HTML inside a Markdown paragraph: Markdown still reads the text, so clinic wording in it must be
    # Markdown-inert as well as escaped ('[x](javascript:...)' or '*x*' in a clinic name stays text).
    text = marked(row, inert(fill(row.action, emergency_number, pump_team)), mark)
    if unsure and row.if_unsure:
        text += " " + inert(fill(row.if_unsure, emergency_number, pump_team))
    return f'<span class="itb-action" {attrs(row)}>{text}</span>'


def action_card(actions: ActionsFile, *action_ids: str, emergency_number: str, pump_team: str,
                sources_html: str = "", level: int | None = None, mark: bool = False) -> str:
    """One care card: the shared action as its heading, each row's situation as a bullet. Rows with different
    actions or tiers cannot share a card."""
    if not action_ids:
        raise ValueError("action_card: name at least one situation id from data/actions.yml")
    rows = [action_row(actions, i) for i in action_ids]
    first = rows[0]
    for row in rows[1:]:
        if (row.tier, row.action) != (first.tier, first.action):
            raise ValueError(f"data/actions.yml: {row.id!r} ({row.tier}: {row.action!r}) and {first.id!r} "
                             f"({first.tier}: {first.action!r}) have different actions: give each its own card")
    title = fill(first.action, emergency_number, pump_team).rstrip(".")
    items = [f'<span class="itb-action" {attrs(r)}>{esc(r.situation)}</span>' for r in rows]
    unsure = "".join(f'<p class="care-card__catch-all">{esc(fill(r.if_unsure, emergency_number, pump_team))}</p>'
                     for r in rows if r.if_unsure)
    lead = '<p class="care-card__lead">if:</p>'
    return care_card(CARD_KIND[first.tier], title, items, unsure + sources_html, level=level, lead_html=lead,
                     title_html=marked(first, esc(title), mark))


WHERE_TO_FIND = "You can find your pump team's number on your wallet card, pump ID card or discharge papers."


def my_numbers_form(where: bool = True) -> str:
    """A form to keep the reader's own pump-team numbers on their device (localStorage, by
    docs/javascripts/my-numbers.js). Hidden until the script shows it, so without JavaScript the page says
    only where to find the number. Generic builds only: a clinic build prints its own numbers."""
    field = ('<p class="itb-my-numbers__field"><label for="itb-{name}">{label}</label> '
             '<input id="itb-{name}" type="tel" name="{name}" autocomplete="off" inputmode="tel" maxlength="40"></p>')
    lead = f'<p class="itb-my-numbers__where">{esc(WHERE_TO_FIND)}</p>' if where else ""
    return ('<div class="itb-my-numbers-box">' + lead
            + '<details class="itb-my-numbers-details" hidden><summary>Save your pump team\'s number on this '
              'device</summary><form class="itb-my-numbers" hidden novalidate>'
            "<p>Save the numbers here, and every page shows them next to &ldquo;call your pump team&rdquo;. "
            "They stay on this device only. Nothing is sent anywhere.</p>"
            + field.format(name="pump_team_phone", label="Pump team phone")
            + field.format(name="after_hours_phone", label="After-hours phone (if you have one)")
            + '<p class="itb-my-numbers__buttons"><button type="submit" class="md-button md-button--primary">Save'
              '</button> <button type="button" class="md-button" data-role="forget">Forget</button></p>'
              '<p class="itb-my-numbers__status" role="status" aria-live="polite"></p></form></details></div>')
