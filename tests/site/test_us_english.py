"""One English: US. The default emergency number is 911 and the coin is a US quarter, so the words are US
too. This reads the visible text of every BUILT page (macro output, care cards, tables, picture captions and
the header included), not the Markdown, so words typed in Python or YAML are caught as well.

Source titles and publishers' names are quoted exactly as published ("Before Travelling", "paediatric"),
so the source lists are left out of the scan."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import page_paths

# A short, hand-written list of words that are UK-only (or UK-only in the sense used here), with the US word.
UK_WORDS = {
    "colour": "color", "colours": "colors", "coloured": "colored", "centre": "center", "centres": "centers",
    "behaviour": "behavior", "behaviours": "behaviors", "favour": "favor", "favourite": "favorite",
    "honour": "honor", "labour": "labor", "neighbour": "neighbor", "tumour": "tumor", "humour": "humor",
    "programme": "program", "programmes": "programs", "litre": "liter", "litres": "liters",
    "millilitre": "milliliter", "millilitres": "milliliters", "metre": "meter", "metres": "meters",
    "millimetre": "millimeter", "millimetres": "millimeters", "fibre": "fiber",
    "paediatric": "pediatric", "paediatrician": "pediatrician", "anaesthetic": "anesthetic",
    "anaesthesia": "anesthesia", "anaesthetist": "anesthesiologist", "oesophagus": "esophagus",
    "haemorrhage": "hemorrhage", "oedema": "edema", "ageing": "aging", "grey": "gray",
    "travelling": "traveling", "travelled": "traveled", "traveller": "traveler", "cancelled": "canceled",
    "jewellery": "jewelry", "aluminium": "aluminum", "licence": "license", "defence": "defense",
    "practise": "practice", "enquire": "inquire", "enquiry": "inquiry", "whilst": "while",
    "amongst": "among", "learnt": "learned", "fortnight": "two weeks", "organise": "organize",
    "organised": "organized", "recognise": "recognize", "recognised": "recognized", "realise": "realize",
    "minimise": "minimize", "summarise": "summarize", "analyse": "analyze", "specialised": "specialized",
    "carer": "caregiver", "carers": "caregivers", "tummy": "belly", "nappy": "diaper", "nappies": "diapers",
    "mum": "mom", "mums": "moms", "torch": "flashlight", "GP": "primary care doctor", "A&E": "the ER",
    "mobile phone": "cell phone", "motor neurone": "motor neuron", "all round": "all around",
    "fitted": "put in (placed)", "a fit": "a seizure", "fits": "seizures (or: is the right size)",
    "urine infection": "bladder infection (UTI)", "being sick": "throwing up (vomiting)",
    "recognising": "recognizing", "summarises": "summarizes", "paraesthesia": "paresthesia",
    "paraesthesias": "paresthesias",
}
# "fits" is also good US English ("it fits in a pocket"); only the seizure sense is UK. These uses are fine.
ALLOWED = [r"\bfits (in|into|on|onto|under|inside|through|your|the|a|all|well|easily)\b", r"\ba fit(ting)? (for|with)\b"]


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("script, style, noscript, template, .source-list, [hidden], .md-search, svg title"):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


def uk_words_in(text: str) -> list[str]:
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text, flags=re.I)
    found = []
    for word in UK_WORDS:
        flags = 0 if word.isupper() or "&" in word else re.I
        for m in re.finditer(rf"(?<![\w&]){re.escape(word)}(?![\w&])", text, flags):
            found.append(f"{m.group(0)!r} (US: {UK_WORDS[word]}) in '...{text[max(0, m.start() - 40):m.end() + 40]}...'")
    return found


def test_the_scanner_catches_uk_words_and_lets_us_words_through():
    assert uk_words_in("Ask your carer to check the colour of the skin near your tummy.") != []
    assert len(uk_words_in("A carer saw a fit. The pump was fitted at the centre.")) == 4
    assert uk_words_in("Ask your caregiver to check the color of the skin near your belly. "
                       "The card fits in your wallet. The pump was put in at the center. A GPS is fine.") == []


@pytest.mark.parametrize("path", page_paths() + ["print_page/"], ids=lambda p: p or "home")
def test_every_built_page_is_in_us_english(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    found = uk_words_in(visible_text(html))
    assert not found, f"{path or '/'}: UK English:\n  " + "\n  ".join(found)
