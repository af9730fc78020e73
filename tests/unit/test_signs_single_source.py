"""One source for every danger sign: no page's Markdown types a sign or alarm wording that is in data/.
Pages show signs only through the macros (emergency_care_cards, danger_signs_card, signs_list, alarm_meanings,
alarm_sounds, symptom_comparison_chart), which read data/symptoms.yml and data/alarms.yml."""
from __future__ import annotations

import re

import pytest

from helpers import DOCS, ROOT
from macros.data import load_site_data

SITE = load_site_data(ROOT / "data")


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.casefold()).split())


def data_wordings(site=SITE) -> list[str]:
    """Every tiered wording in the data (signs, reasons, wound signs, alarm card lines and alarm causes),
    of three words or more, so a short word such as "a seizure" in running prose is not flagged."""
    sym = site.symptoms
    words = [s.sign for f in sym.features if f.kind == "sign" for s in f.withdrawal + f.overdose]
    words += [r.text for r in sym.other_reasons] + [w.sign for w in sym.wound_signs]
    words += [a.card_text for a in site.alarms.alarms] + [c.text for a in site.alarms.alarms for c in a.causes]
    out = []
    for w in words:
        w = norm(re.sub(r"\{[a-z_]+\}", " ", w))
        if len(w.split()) >= 3 and w not in out:
            out.append(w)
    return out


def typed_text(markdown: str) -> str:
    """The page as typed: front matter and macro calls' own names left in (a care_card() call with typed
    items is exactly what must not carry a sign), HTML tags dropped."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return norm(body)


def typed_signs(markdown: str, wordings: list[str]) -> list[str]:
    text = f" {typed_text(markdown)} "
    return [w for w in wordings if f" {w} " in text]


def test_the_check_catches_a_typed_sign_and_ignores_macro_calls():
    wordings = data_wordings()
    assert "itching often with no rash" in wordings and "slow shallow or difficult breathing" in wordings
    page = "---\ntitle: x\n---\n{{ emergency_care_cards() }}\n\nPlain words about the pump.\n"
    assert typed_signs(page, wordings) == []
    page += "{{ care_card('urgent', 'Call today if:', ['Itching, often with no rash']) }}\n"
    assert typed_signs(page, wordings) == ["itching often with no rash"]
    assert typed_signs("- *Slow*, shallow or difficult breathing\n", wordings) == [
        "slow shallow or difficult breathing"]


@pytest.mark.parametrize("md", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_no_page_types_a_sign_that_is_in_the_data(md):
    found = typed_signs(md.read_text(encoding="utf-8"), data_wordings())
    assert not found, (f"docs/{md.name} types these danger signs by hand; render them from data/symptoms.yml "
                       f"or data/alarms.yml with a macro instead: {found}")


@pytest.mark.parametrize("name", ["index.md", "emergency.md", "children.md", "implantation.md", "maintenance.md",
                                  "risks.md"])
def test_sign_pages_type_no_tiered_care_card(name):
    """On the pages that show danger signs, an emergency or urgent card comes from the data, never care_card()."""
    text = (DOCS / name).read_text(encoding="utf-8")
    assert not re.search(r"care_card\(\s*['\"](emergency|urgent)['\"]", text), name
