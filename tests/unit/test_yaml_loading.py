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
    assert message == f"{LABEL}: fax: unknown key"


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


# ---------------------------------------------------------------- issue 23: clinic text the reader cannot see

INVISIBLE = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
             "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff"]


@pytest.mark.parametrize("field", ["name", "address", "reviewer"])
@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_bidi_and_zero_width_characters_are_refused(tmp_path, field, char):
    settings = {"name": "Example Clinic", field: f"Example Clinic{char} 555-0100"}
    path = tmp_path / "clinic.yml"
    path.write_text("".join(f'{k}: "{v}"\n' for k, v in settings.items()), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        validate(ClinicFile, read_yaml(path, LABEL), LABEL)
    assert str(exc.value) == (f"{LABEL}: {field}: must not contain invisible text-direction or zero-width characters "
                              f"(found U+{ord(char):04X} at character 15): delete it")


def test_a_right_to_left_name_still_loads():
    settings = ClinicFile(name="مستشفى الملك فهد", address="רחוב הרצל 1, תל אביב", reviewer="ד\"ר שרה כהן")
    assert settings.name == "مستشفى الملك فهد"


@pytest.mark.parametrize("text,found", [("Clinic \U0001F489", "U+1F489"), ("Clinic \u2764\ufe0f", "U+2764"),
                                        ("Clinic \u2603", "U+2603")])
def test_emoji_the_pdf_cannot_draw_are_refused(tmp_path, text, found):
    assert error(tmp_path, f'name: "{text}"\n') == (
        f"{LABEL}: name: must not contain emoji or pictographic symbols (found {found}): the PDF fonts cannot "
        "draw them (refused: Unicode symbols of category So from U+2190 up, and unassigned or private-use "
        "characters)")


def test_a_long_unbroken_word_is_refused(tmp_path):
    assert error(tmp_path, "address: " + "a" * 41 + " Street\n") == (
        f"{LABEL}: address: no word may be longer than 40 characters, or the printed pages cannot wrap it "
        f"(got '{'a' * 40}...')")


def test_a_word_of_40_characters_loads():
    assert ClinicFile(address="a" * 40 + " Street").address.startswith("a" * 40)


# ---------------------------------------------------------------- issue 23: reviewer, review date

def test_a_reviewer_needs_the_clinic_name(tmp_path):
    assert error(tmp_path, "name: null\nreviewer: Dr Test Reviewer\n") == (
        f"{LABEL}: reviewer: needs the clinic's name too (the footer says \"Reviewed for <name> by <reviewer>\"): "
        "set name, or leave reviewer empty")


def test_a_review_date_needs_a_reviewer(tmp_path):
    assert error(tmp_path, "name: X Clinic\nreview_date: 2026-11-20\n") == (
        f"{LABEL}: review_date: needs a reviewer: the date of a review is shown only with the reviewer's name "
        "(got 2026-11-20)")


@pytest.mark.parametrize("value,reason", [
    ("0", "must be a date written like 2026-11-22 (got 0)"),
    ("1900-01-01", "1900-01-01 is more than 12 months before today (2026-12-01): review the pages again and update "
                   "review_date"),
    ("1970-01-01", "1970-01-01 is more than 12 months before today (2026-12-01): review the pages again and update "
                   "review_date"),
    ("2025-11-29", "2025-11-29 is more than 12 months before today (2026-12-01): review the pages again and update "
                   "review_date"),
    ("2026-12-02", "2026-12-02 is in the future (today is 2026-12-01)"),
    ("2999-01-01", "2999-01-01 is in the future (today is 2026-12-01)"),
])
def test_the_clinic_review_date_follows_the_page_rules(tmp_path, value, reason):
    assert error(tmp_path, f"name: X Clinic\nreviewer: Dr Test\nreview_date: {value}\n") == \
        f"{LABEL}: review_date: {reason}"


@pytest.mark.parametrize("value", ["2026-12-01", "2025-11-30"])
def test_a_review_date_within_12_months_loads(value):
    assert ClinicFile(name="X Clinic", reviewer="Dr Test", review_date=value).review_date.isoformat() == value


# ---------------------------------------------------------------- issue 23: impossible dates

def test_an_impossible_date_is_one_line(tmp_path):
    assert error(tmp_path, "name: X Clinic\nreviewer: Dr Test\nreview_date: 2026-02-30\n") == (
        f"{LABEL}: review_date: 2026-02-30 is not a real date (day is out of range for month), at line 3")


def test_an_impossible_date_inside_a_list_entry(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("entries:\n  - {id: a, when: 2026-13-01}\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_yaml(path, "data/x.yml")
    assert str(exc.value) == "data/x.yml: when: 2026-13-01 is not a real date (month must be in 1..12), at line 2"


def test_an_impossible_date_in_front_matter(tmp_path):
    from macros.data import front_matter_date_problems
    (tmp_path / "faq.md").write_text("---\ntitle: FAQ\nlast_checked: 2026-11-22\nnext_review: 2027-02-29\n---\n\n# FAQ\n",
                                     encoding="utf-8")
    (tmp_path / "ok.md").write_text("---\ntitle: OK\nnext_review: 2027-02-28\n---\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text("---\nlast_checked: 2026-04-31\n---\n", encoding="utf-8")
    assert front_matter_date_problems(tmp_path) == [
        "docs/faq.md: front matter: next_review: 2027-02-29 is not a real date (day is out of range for month), "
        "at line 4",
        "docs/sub/x.md: front matter: last_checked: 2026-04-31 is not a real date (day is out of range for month), "
        "at line 2"]


# ---------------------------------------------------------------- issue 23: phone numbers

@pytest.mark.parametrize("written,read", [("0112", "74"), ("5550100", "5550100")])
def test_an_unquoted_phone_number_says_to_quote_it(tmp_path, written, read):
    shown = "it" if written == read else written
    assert error(tmp_path, f"pump_team_phone: {written}\n") == (
        f'{LABEL}: pump_team_phone: put the number in quotes, like pump_team_phone: "{written}" '
        f"(without quotes YAML reads {shown} as the number {read})")


def test_an_unquoted_emergency_number_says_to_quote_it(tmp_path):
    assert error(tmp_path, "emergency_number: 911\n") == (
        f'{LABEL}: emergency_number: put the number in quotes, like emergency_number: "911" '
        "(without quotes YAML reads it as the number 911)")


@pytest.mark.parametrize("number", ["1", "1234567", "1" * 20, "1-1-2", "+112"])
def test_emergency_numbers_are_2_to_6_digits(tmp_path, number):
    assert error(tmp_path, f'emergency_number: "{number}"\n') == (
        f"{LABEL}: emergency_number: must be 2 to 6 digits, like 911, 999 or 112 (got {number!r})")


@pytest.mark.parametrize("phone", ["1 (2", "1 )555( 0100", "1 (555)) 0100", "1 ((555) 0100", "(555 010-0100"])
def test_phone_brackets_must_balance(tmp_path, phone):
    assert error(tmp_path, f'pump_team_phone: "{phone}"\n') == (
        f"{LABEL}: pump_team_phone: brackets must come in pairs, ( before ) (got {phone!r})")


@pytest.mark.parametrize("phone", ["(555) 010-0100", "+1 (555) 010-0100", "555-0100", "0112 496 0000"])
def test_usual_phone_numbers_are_accepted(tmp_path, phone):
    """A US number usually starts with its area code in brackets."""
    path = tmp_path / "clinic.yml"
    path.write_text(f'name: X Clinic\npump_team_phone: "{phone}"\n')
    assert validate(ClinicFile, read_yaml(path, LABEL), LABEL).pump_team_phone == phone


def test_unknown_keys_are_named_without_their_value(tmp_path):
    assert error(tmp_path, "name: X Clinic\napi_token: SUPERSECRET123\n") == f"{LABEL}: api_token: unknown key"


# Issue 20 round 2: data files are read with libyaml when they can hold no anchor or alias; the result is
# the same as the checking loader's, and every refusal still comes from the checking loader.
def _deep(x):
    if isinstance(x, dict):
        return {_deep(k): _deep(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_deep(v) for v in x]
    return (type(x).__name__, x, getattr(x, "written", None))


def test_the_fast_reader_gives_the_checking_loaders_result_on_every_data_file():
    import yaml
    from helpers import ROOT
    from macros import data
    files = sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "clinics").rglob("*.yml"))
    assert len(files) >= 9
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert _deep(data.load_yaml_text(text)) == _deep(yaml.load(text, Loader=data._Loader)), path  # noqa: S506


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "anchors and aliases"),
    ("a: 1\na: 2\n", "duplicate key"),
    ("base: {x: 1}\nother:\n  <<: {y: 2}\n", "merge keys"),
    ("a: [1, 2\n", "expected"),
])
def test_the_fast_reader_refuses_what_the_checking_loader_refuses(text, message):
    import yaml
    from macros import data
    with pytest.raises(yaml.YAMLError, match=message):
        data.load_yaml_text(text)
