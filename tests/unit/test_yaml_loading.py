"""YAML loading and clinic text, without MkDocs (issue 11 §1-5): macros.data.read_yaml refuses anchors,
aliases, merge keys, duplicate keys, non-UTF-8 and binary files, each with one line naming the file; a bad
value is never formatted whole into a message; clinic settings are one line of plain text; clinic text is
inert in Markdown; tel: links follow one rule. Expected values are written by hand."""
from __future__ import annotations

import shutil
import time

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros import clinic
from macros.data import DataError, load_site_data, read_yaml, validate
from macros.models import ClinicFile

LABEL = "clinics/test/clinic.yml"


def error(tmp_path, content: bytes | str) -> str:
    path = tmp_path / "clinic.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(DataError) as exc:
        validate(ClinicFile, read_yaml(path, LABEL), LABEL)
    message = str(exc.value)
    assert "\n" not in message, message
    assert message.startswith(LABEL + ": "), message
    return message


# ---------------------------------------------------------------- anchors, aliases, merge keys

def test_nine_nested_anchors_fail_fast(tmp_path):
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "name: *i\n"
    started = time.monotonic()
    message = error(tmp_path, bomb)
    assert time.monotonic() - started < 2
    assert message == (f"{LABEL}: not valid YAML at line 1, column 4: YAML anchors and aliases (&name, *name) are "
                       "not allowed (found the anchor 'a'); write the value out in full")


def test_a_single_alias_is_refused_in_data_files_too(tmp_path):
    path = tmp_path / "refill.yml"
    path.write_text("x: &one 1\ny: *one\n")
    with pytest.raises(DataError, match=r"^data/refill.yml: not valid YAML at line 1, column 4: YAML anchors"):
        read_yaml(path, "data/refill.yml")


def test_merge_keys_are_refused(tmp_path):
    assert error(tmp_path, "name: X Clinic\nextra:\n  <<: {a: 1}\n") == (
        f"{LABEL}: not valid YAML at line 3, column 3: merge keys (<<) are not allowed")


# ---------------------------------------------------------------- encodings

def test_latin1_file_must_be_utf8(tmp_path):
    assert error(tmp_path, "# settings\nname: Café Clinic\n".encode("latin-1")) == (
        f"{LABEL}: must be UTF-8 text (byte 0xe9 at line 2 is not UTF-8; save the file as UTF-8)")


def test_binary_file_must_be_utf8(tmp_path):
    message = error(tmp_path, b"\x00\x00\x01\x00name: x\n")
    assert message == (f"{LABEL}: must be UTF-8 text (found the control character U+0000 at line 1: "
                       "is it a binary file?)")


def test_random_bytes_must_be_utf8(tmp_path):
    assert error(tmp_path, bytes(range(255, -1, -1))).startswith(f"{LABEL}: must be UTF-8 text (byte 0xff")


def test_utf8_with_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_bytes("\ufeffname: Café Clinic\n".encode("utf-8"))
    assert read_yaml(path, LABEL) == {"name": "Café Clinic"}


# ---------------------------------------------------------------- duplicate keys

def test_duplicate_key_names_file_line_and_key(tmp_path):
    assert error(tmp_path, "name: A Clinic\nemergency_number: '112'\nname: B Clinic\n") == (
        f"{LABEL}: not valid YAML at line 3, column 1: duplicate key 'name' (first at line 1)")


def test_duplicate_key_inside_a_list_entry(tmp_path):
    path = tmp_path / "pumps.yml"
    path.write_text("pumps:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    id: c\n")
    with pytest.raises(DataError) as exc:
        read_yaml(path, "data/pumps.yml")
    assert str(exc.value) == "data/pumps.yml: not valid YAML at line 6, column 5: duplicate key 'id' (first at line 4)"


def test_duplicate_key_in_a_real_data_file_stops_loading(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    symptoms = data / "symptoms.yml"
    symptoms.write_text(symptoms.read_text(encoding="utf-8") + "tiers: []\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(data)
    assert str(exc.value).startswith("data/symptoms.yml: not valid YAML at line ")
    assert "duplicate key 'tiers' (first at line 24)" in str(exc.value)


# ---------------------------------------------------------------- bad values are cut to 80 characters

def test_a_huge_unknown_value_is_cut(tmp_path):
    message = error(tmp_path, "name: X Clinic\nfax: '" + "9" * 5000 + "'\n")
    assert message == f"{LABEL}: fax: unknown key (got '{'9' * 76}...)"


def test_a_huge_nested_value_is_cut(tmp_path):
    nested = "[" * 50 + ", ".join(["lol"] * 2000) + "]" * 50
    message = error(tmp_path, f"name: {nested}\n")
    assert message.startswith(f"{LABEL}: name: must be a valid string (got [[[")
    assert len(message) < 150, message


def test_a_long_name_is_refused_and_cut(tmp_path):
    message = error(tmp_path, "name: " + "N" * 500 + "\n")
    assert message.startswith(f"{LABEL}: name: String should have at most 80 characters (got 'NNN")
    assert len(message) < 170, message


# ---------------------------------------------------------------- clinic text: one line, plain

@pytest.mark.parametrize("field", ["name", "address", "reviewer"])
@pytest.mark.parametrize("value", ["Clinic\\n\\nwith a blank line", "Tab\\there", "Line\\u2028separator"])
def test_text_settings_are_one_line(tmp_path, field, value):
    assert error(tmp_path, f'{field}: "{value}"\n').startswith(
        f"{LABEL}: {field}: must be one line of plain text, with no line breaks or control characters (got '")


def test_blank_and_padded_text_is_refused(tmp_path):
    assert error(tmp_path, 'address: "   "\n') == f"{LABEL}: address: must not be blank (got '   ')"
    assert error(tmp_path, 'reviewer: " Dr Who"\n') == f"{LABEL}: reviewer: must not start or end with a space (got ' Dr Who')"


@pytest.mark.parametrize("phone", ["555-CALL", "555-0100\\n", "tel:5550100", "555 0100 ext 2", "+", "12"])
def test_phone_numbers_are_digits_spaces_brackets_dashes(tmp_path, phone):
    assert error(tmp_path, f'pump_team_phone: "{phone}"\n').startswith(
        f"{LABEL}: pump_team_phone: must be a phone number made of digits, spaces, brackets or dashes (got '")


# ---------------------------------------------------------------- inert page text and tel: links

HOSTILE = ["<script>alert(1)</script>", "<svg onload=alert(2)>", "[x](javascript:alert(3))", "*x*", "&amp;", "&",
           "<https://evil.example/>", "`c` **b** _y_ ~~s~~ | {: onclick=alert(7)} \\* # 1. :smile: {{ 7*7 }}",
           "Café «Zoë» 💉"]


def test_inert_by_hand():
    assert clinic.inert("*x* & [a](b)") == "&#42;x&#42; &#38; &#91;a&#93;&#40;b&#41;"
    assert clinic.inert("<b>Dr O'Neil</b>") == "&#60;b&#62;Dr O&#39;Neil&#60;&#47;b&#62;"
    assert clinic.inert("Café 2") == "Café 2"


@pytest.mark.parametrize("text", HOSTILE)
def test_inert_text_stays_literal_through_markdown(text):
    source = f"Call the {clinic.inert(text)} pump team.\n\n- Ask {clinic.inert(text)}\n"
    html = markdown.markdown(source, extensions=["abbr", "admonition", "attr_list", "def_list", "md_in_html",
                                                 "tables", "toc", "pymdownx.details", "pymdownx.superfences"])
    soup = BeautifulSoup(html, "html.parser")
    assert [el.name for el in soup.find_all(True)] == ["p", "ul", "li"], html
    assert soup.p.get_text() == f"Call the {text} pump team."
    assert soup.li.get_text() == f"Ask {text}"
    assert clinic.plain(clinic.inert(text)) == text


def test_plain_turns_only_numeric_references_back():
    assert clinic.plain("Call &#60;b&#62; &amp; &lt;") == "Call <b> &amp; &lt;"


@pytest.mark.parametrize("number,href", [("1 (555) 010-0100", "tel:15550100100"), ("+1 555 010 0199", "tel:+15550100199"),
                                         ("112", "tel:112"), ("555-0100", "tel:5550100"),
                                         ("+44 (0)20 7946 0000", "tel:+4402079460000")])
def test_one_rule_for_tel_links(number, href):
    assert clinic.tel_href(number) == href
    assert clinic.tel_link(number) == f'<a class="tel" href="{href}">{number}</a>'


def test_templates_get_raw_text_and_ready_tel_links():
    settings = ClinicFile(name="A & B <Clinic>", pump_team_phone="1 (555) 010-0100", emergency_number="112")
    values = clinic.template_values(settings)
    assert values["name"] == "A & B <Clinic>" and values["pump_team"] == "the A & B <Clinic> pump team"
    assert values["pump_team_phone_tel"] == "tel:15550100100" and values["emergency_number_tel"] == "tel:112"
    assert values["after_hours_phone_tel"] is None


def test_page_variables_are_inert():
    settings = ClinicFile(name="*Best* Clinic", pump_team_phone="555-0100", emergency_number="112")
    assert clinic.page_variables(settings) == {
        "pump_team": "the &#42;Best&#42; Clinic pump team",
        "pump_team_contact": "the &#42;Best&#42; Clinic pump team on 555&#45;0100",
        "emergency_number": "112"}
