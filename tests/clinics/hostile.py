"""The hostile clinic's settings (see conftest.py), shared by its fixtures and tests."""

HOSTILE_CONFIG = "mkdocs-clinic-hostile.yml"
HOSTILE_SETTINGS = "clinics/hostile/clinic.yml"

# Written by hand. Every value is plain text and must be shown exactly like this, character for character.
# (name <= 80, address <= 200, reviewer <= 120 characters: the schema's limits.)
HOSTILE = {
    "name": "<script>alert(1)</script> [x](javascript:alert(3)) *x* &amp; {:onclick=alert(7)}",  # words <= 40 characters
    "pump_team_phone": "1 (555) 010-0100",
    "after_hours_phone": "+1 555 010 0199",
    "emergency_number": "112",
    "address": "<svg onload=alert(2)> <img src=x onerror=alert(4)> _y_ **b** `c` | ~~s~~ "
               "<https://evil.example/> :smile: {{ 7*7 }} \\* # 1.",
    "reviewer": "<svg onload=alert(5)> [r](javascript:alert(6)) **b** <b>bold</b> ' \" > & x",
    "review_date": "2026-01-15",
}
# tel: links, written by hand: digits, and a leading + kept.
HOSTILE_TEL = {"pump_team_phone": "tel:15550100100", "after_hours_phone": "tel:+15550100199",
               "emergency_number": "tel:112"}
