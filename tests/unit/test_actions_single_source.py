"""One voice on what to do and how soon: every "call now / call straight away / book a visit" comes from one
row of data/actions.yml, rendered by the action() macros. No page's Markdown types an urgency phrase by hand,
and a situation has one tier (checked when the data is loaded)."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from helpers import DOCS, ROOT
from macros.data import DataError, load_site_data

# Phrases that say how soon to act. A page that types one by hand can drift from the table.
URGENCY = [
    (re.compile(r"\bstraight away\b"), "straight away"),
    (re.compile(r"\bsame day\b"), "the same day"),
    (re.compile(r"\bright away\b"), "right away"),
    (re.compile(r"\b911 now\b"), "911 now"),
    (re.compile(r"\bcall 911\s*(?:if|\.|,\s*or|$)"), "call 911 for a situation"),
]
# These only count in a sentence about calling, booking or a visit (a "today" about the date is fine).
BESIDE_A_CALL = [(re.compile(r"\btoday\b"), "today"), (re.compile(r"\bbook a visit\b"), "book a visit")]
CALL = re.compile(r"\b(call|phone|book|visit|help|contact)\b")


def typed_prose(markdown: str) -> str:
    """The page as typed, lower case: front matter, macro calls, template tags and HTML tags dropped, except
    the two wording variables, which read as their generic words (a typed "call {{ emergency_number }} now"
    is a typed urgency phrase)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    body = re.sub(r"\{\{\s*emergency_number\s*\}\}", "911", body)
    body = re.sub(r"\{\{\s*pump_team\s*\}\}", "your pump team", body)
    body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)  # a link's address (#call-today) is not prose
    body = re.sub(r"[*_`\[\]]", "", body)
    return body.casefold()


def typed_urgency(markdown: str) -> list[str]:
    found = []
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", typed_prose(markdown)):
        sentence = sentence.strip()
        found += [f"{name}: {sentence!r}" for rx, name in URGENCY if rx.search(sentence)]
        if CALL.search(sentence):
            found += [f"{name}: {sentence!r}" for rx, name in BESIDE_A_CALL if rx.search(sentence)]
    return found


def test_the_check_catches_typed_urgency_and_ignores_the_macro():
    assert typed_urgency("Call {{ pump_team }} the same day.\n") == [
        "the same day: 'call your pump team the same day.'"]
    assert typed_urgency("If you miss one, call {{ pump_team }} straight away.\n")
    assert typed_urgency("If a date has passed, or the pump beeps, call {{ pump_team }} today.\n")
    assert typed_urgency("[Signs to call {{ emergency_number }} now](emergency.md#call-now)\n")
    assert typed_urgency("If you feel very unwell, call {{ emergency_number }}.\n")
    assert typed_urgency("{{ care_card('urgent', 'Call ' ~ pump_team ~ ' today if:', ['x']) }}\n") == []  # caught below
    assert typed_urgency("If you missed a refill: {{ action('missed-refill') }}\n") == []
    assert typed_urgency("Your pump was filled today.\n") == []  # a date, not advice
    assert typed_urgency("If you call {{ emergency_number }}, say you have a pump.\n") == []


@pytest.mark.parametrize("md", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_no_page_types_an_urgency_phrase(md):
    text = md.read_text(encoding="utf-8")
    found = typed_urgency(text)
    # A card whose title is typed in a macro call carries its own urgency: only data-made cards may.
    found += [f"a typed urgent card title: {m!r}" for m in
              re.findall(r"care_card\(\s*['\"](?:emergency|urgent)['\"][^)]*", text)]
    assert not found, (f"docs/{md.name} types how soon to act by hand; render it from data/actions.yml with "
                       f"{{{{ action('id') }}}} or {{{{ action_card('id') }}}} instead:\n" + "\n".join(found))


# ---------------------------------------------------------------- the data

SITE = load_site_data(ROOT / "data")


def test_the_table_covers_every_listed_situation():
    ids = {a.id for a in SITE.actions.actions}
    for needed in ["emergency-signs", "high-fever", "two-tone-alarm", "single-tone-alarm", "missed-refill",
                   "stiffness-back", "itching", "wound-red-or-leaking", "headache-after-procedure",
                   "leak-after-procedure", "missed-oral-dose"]:
        assert needed in ids, needed


def test_a_row_that_names_a_sign_or_alarm_has_its_tier():
    sym, alarms = SITE.symptoms, {a.id: a for a in SITE.alarms.alarms}
    by_id = {a.id: a for a in SITE.actions.actions}
    assert by_id["two-tone-alarm"].tier == alarms["two-tone"].tier == "urgent"
    assert by_id["single-tone-alarm"].tier == alarms["single-tone"].tier == "watch"
    assert by_id["high-fever"].tier == "emergency"
    assert by_id["stiffness-back"].tier == by_id["itching"].tier == by_id["missed-refill"].tier == "urgent"
    assert sym.tiers[0].id == "emergency"


@pytest.fixture()
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(data_dir, change) -> None:
    path = data_dir / "actions.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw["actions"])
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")


def errors(data_dir) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_site_data(data_dir)
    return str(exc.value).splitlines()


def test_one_situation_with_two_tiers_fails_in_one_line(data_copy):
    def twice(rows):
        copy = {k: list(v) if isinstance(v, list) else v for k, v in
                next(r for r in rows if r["id"] == "missed-refill").items()}
        copy["tier"] = "watch"
        rows.append(copy)
    edit(data_copy, twice)
    lines = errors(data_copy)
    assert len(lines) == 1, lines
    assert lines[0].startswith("data/actions.yml: ") and "'missed-refill'" in lines[0], lines
    assert "watch" in lines[0] and "one tier" in lines[0], lines


def test_a_linked_row_takes_its_tier_from_the_sign(data_copy):
    """Move itching to the book-a-visit tier in data/symptoms.yml: its action row follows, with no edit."""
    path = data_copy / "symptoms.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '{sign: "Itching, often with no rash", tier: urgent, rank: 4',
        '{sign: "Itching, often with no rash", tier: watch, rank: 4'), encoding="utf-8")
    site = load_site_data(data_copy)
    assert {a.id: a.tier for a in site.actions.actions}["itching"] == "watch"


def test_a_row_whose_tier_differs_from_its_sign_fails(data_copy):
    edit(data_copy, lambda rows: next(r for r in rows if r["id"] == "itching").update(tier="watch"))
    lines = errors(data_copy)
    assert len(lines) == 1 and lines[0].startswith("data/actions.yml: ") and "itching" in lines[0], lines
    assert "data/symptoms.yml" in lines[0], lines


def test_an_action_of_two_sentences_fails(data_copy):
    edit(data_copy, lambda rows: next(r for r in rows if r["id"] == "itching").update(
        action="Call {pump_team}. Do it now."))
    lines = errors(data_copy)
    assert len(lines) == 1 and "[entry id: itching]" in lines[0] and "one sentence" in lines[0], lines


def test_an_unknown_id_in_a_macro_call_names_the_file_and_the_id():
    from macros.render_actions import action_text
    with pytest.raises(ValueError) as exc:
        action_text(SITE.actions, "missed-refil", emergency_number="911", pump_team="your pump team")
    assert str(exc.value).startswith("data/actions.yml: no situation with id 'missed-refil'"), exc.value


def test_an_action_renders_its_sentence_with_its_tier():
    from macros.render_actions import action_card, action_text
    html = action_text(SITE.actions, "missed-refill", emergency_number="911", pump_team="your <b>team</b>")
    # inline in a Markdown paragraph: every character that is not a letter, digit or space is a character
    # reference, so neither HTML nor Markdown in clinic wording does anything (issue 11's "inert" rule)
    assert html == ('<span class="itb-action" data-action-id="missed-refill" data-tier="urgent">'
                    'Call your &#60;b&#62;team&#60;&#47;b&#62; straight away&#44; day or night&#46;</span>')
    import markdown
    shown = markdown.markdown(action_text(SITE.actions, "missed-refill", emergency_number="911",
                                          pump_team="[x](javascript:alert(3)) *x*"))
    assert "<a " not in shown and "<em>" not in shown and "javascript&#58;" in shown
    card = action_card(SITE.actions, "high-fever", emergency_number="911", pump_team="your pump team")
    assert 'data-action-id="high-fever"' in card and 'data-tier="emergency"' in card
    assert "Call 911 now</p>" in card and "care-card emergency" in card
