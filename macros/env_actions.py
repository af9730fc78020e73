"""Registers the action macros (data/actions.yml) with mkdocs-macros. Thin: each calls a render function.

{{ action('missed-refill') }}       -> the row's one action sentence, inline, with data-action-id and data-tier
{{ action('high-fever', unsure=true) }} -> the sentence, then what to do when unsure
{{ action_card('headache-after-procedure', 'leak-after-procedure') }} -> a care card for rows sharing an action,
                                       cited from the rows' sources (each must be in the page's sources)"""
from __future__ import annotations

from . import render_actions, render_sources
from .clinic import pump_team


def register(env, site) -> None:
    def wording() -> dict[str, str]:
        return {"emergency_number": site.clinic.emergency_number, "pump_team": pump_team(site.clinic)}

    def mark() -> bool:
        """The generic build has no pump-team number: mark the pump-team actions for the reader's own."""
        return not site.clinic.pump_team_phone

    @env.macro
    def action(action_id, unsure=False):
        return render_actions.action_text(site.actions, action_id, unsure=unsure, mark=mark(), **wording())

    @env.macro
    def my_numbers_form(where=True):
        return "" if site.clinic.pump_team_phone else render_actions.my_numbers_form(where=where)

    @env.macro
    def action_card(*action_ids, level=None):
        rows = [render_actions.action_row(site.actions, i) for i in action_ids]
        ids: list[str] = []
        for row in rows:
            ids += [s for s in row.sources if s not in ids]
        cite = render_sources.cite(tuple(ids), site.sources, env.page.meta.get("sources") or [])
        return render_actions.action_card(site.actions, *action_ids, level=level, mark=mark(),
                                          sources_html=f'<p class="care-card__sources">Sources: {cite}</p>',
                                          **wording())
