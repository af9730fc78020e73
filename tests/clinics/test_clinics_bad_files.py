"""Issue 11 §3-5 as build tests: a clinic settings file (or a data file) that is an anchor bomb, not UTF-8,
binary, or has a key written twice stops the strict build quickly, with one line that names the file and
the problem, and no traceback. Each build fails at config load, before any page renders."""
from __future__ import annotations

import subprocess
import time

import pytest

from helpers import copy_project
from tools import engine

CONFIG = "mkdocs-clinic-bad.yml"
LABEL = "clinics/bad/clinic.yml"
GOOD = "name: Bad Files Test Clinic\nemergency_number: \"112\"\n"

# Nine nested anchors: 9**9 (387 million) strings once expanded. Before the fix the build hung (> 240 s).
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "name: *i\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("bad-files") / "project")
    (project / "clinics" / "bad").mkdir()
    (project / CONFIG).write_text(f"INHERIT: mkdocs.yml\nextra:\n  clinic_settings: {LABEL}\n", encoding="utf-8")
    return project


def build(project, settings: bytes, timeout: float = 60) -> tuple[str, float]:
    (project / LABEL).write_bytes(settings)
    started = time.monotonic()
    try:
        result = subprocess.run(engine.command("build", "--strict", "-f", CONFIG, "-d", str(project / "out")),
                                cwd=project, env=engine.environ(), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build did not stop within {timeout:.0f} s")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output}"
    assert "Traceback" not in output, output
    assert "The site data is not valid, so nothing was built" in output, output
    return output, time.monotonic() - started


def the_line(output: str, label: str) -> str:
    lines = [line for line in output.splitlines() if label in line]
    assert len(lines) == 1, f"expected one line naming {label}:\n{output}"
    assert len(lines[0]) < 400, lines[0]
    return lines[0]


def test_anchor_bomb_fails_fast(project):
    output, seconds = build(project, BOMB.encode())
    line = the_line(output, LABEL)
    assert "anchors and aliases (&name, *name) are not allowed" in line and "line 1" in line
    assert seconds < 45


@pytest.mark.parametrize("settings", [GOOD.replace("Bad Files", "Caf\u00e9").encode("latin-1"),
                                      b"\x00\x01\x02\x03name: x\n" + bytes(range(256))],
                         ids=["latin-1", "binary"])
def test_not_utf8_is_one_line_naming_the_file(project, settings):
    output, _ = build(project, settings)
    assert f"{LABEL}: must be UTF-8 text" in the_line(output, LABEL)


def test_duplicate_key_in_settings(project):
    output, _ = build(project, (GOOD + "name: Another Clinic\n").encode())
    assert the_line(output, LABEL).endswith(f"{LABEL}: not valid YAML at line 3, column 1: duplicate key 'name' "
                                            "(first at line 1)")


def test_duplicate_key_in_a_data_file(project):
    pumps = project / "data" / "pumps.yml"
    original = pumps.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    first_id = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- id:"))
    indent = lines[first_id].index("-") + 2
    lines.insert(first_id + 1, " " * indent + "id: a-second-id\n")
    try:
        pumps.write_text("".join(lines), encoding="utf-8")
        output, _ = build(project, GOOD.encode())
    finally:
        pumps.write_text(original, encoding="utf-8")
    line = the_line(output, "data/pumps.yml")
    assert f"data/pumps.yml: not valid YAML at line {first_id + 2}, column {indent + 1}: duplicate key 'id' " \
           f"(first at line {first_id + 1})" in line


def test_blank_lines_in_a_name_are_refused(project):
    output, _ = build(project, b'name: "Clinic\\n\\nwith a blank line"\n')
    assert f"{LABEL}: name: must be one line of plain text" in the_line(output, LABEL)


# ---------------------------------------------------------------- issue 23

def test_an_impossible_date_in_settings_is_one_line(project):
    output, _ = build(project, b"name: Bad Files Test Clinic\nreviewer: Dr Test\nreview_date: 2026-02-30\n")
    assert the_line(output, LABEL).endswith(f"{LABEL}: review_date: 2026-02-30 is not a real date (day is out of "
                                            "range for month), at line 3")


def test_a_hidden_direction_mark_in_the_name_stops_the_build(project):
    output, _ = build(project, 'name: "Bad Files Clinic\u202e"\npump_team_phone: "555-0100"\n'.encode())
    assert the_line(output, LABEL).endswith(f"{LABEL}: name: must not contain invisible text-direction or "
                                            "zero-width characters (found U+202E at character 17): delete it")


def test_an_unquoted_phone_number_says_to_quote_it(project):
    output, _ = build(project, b"name: Bad Files Test Clinic\npump_team_phone: 0112\n")
    assert the_line(output, LABEL).endswith(f'{LABEL}: pump_team_phone: put the number in quotes, like '
                                            'pump_team_phone: "0112" (without quotes YAML reads 0112 as the number 74)')
