"""Pure render functions of macros/render_print.py and the offline helpers of tools/make_offline.py."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from fractions import Fraction

import pytest

from macros import render_print as rp
from macros.models import SymptomsFile
from tools import make_offline

TIERS = [{"id": "emergency", "label": "Call {emergency_number} now", "hidden_prefix": "Emergency:"},
         {"id": "urgent", "label": "Call {pump_team} today", "hidden_prefix": "Urgent:"},
         {"id": "watch", "label": "Watch", "hidden_prefix": "Non-urgent:"}]


def symptoms(features) -> SymptomsFile:
    return SymptomsFile.model_validate({"tiers": TIERS, "features": features})


def sign(text, tier="emergency", rank=None):
    return {"sign": text, "tier": tier, "sources": ["L1"], **({"rank": rank} if rank else {})}


SYMPTOMS = symptoms([
    {"id": "tone", "label": "Muscles", "withdrawal": [sign("Rigid muscles"), sign("Spasms back", "urgent")],
     "overdose": [sign("Floppy")]},
    {"id": "fits", "label": "Fits", "shared": True, "withdrawal": [sign("Seizure")], "overdose": [sign("seizure")]},
    {"id": "skin", "label": "Skin", "withdrawal": [sign("Itching & <b>tingling</b>")], "overdose": []},
])


def test_long_date_and_edition():
    assert rp.long_date(dt.date(2026, 11, 2)) == "2 November 2026"
    assert rp.edition(dt.date(2026, 11, 22)) == {"iso": "2026-11-22", "text": "22 November 2026"}
    assert rp.edition(dt.date(2030, 1, 1), "1795305600") == {"iso": "2026-11-22", "text": "22 November 2026"}
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        rp.edition(dt.date(2026, 1, 1), "yesterday")


@pytest.mark.parametrize("page_url, href", [("", "itb-handbook.pdf"), ("for-clinics/", "../itb-handbook.pdf"),
                                            ("for-clinics.html", "itb-handbook.pdf"), ("a/b/", "../../itb-handbook.pdf")])
def test_relative_links_to_files_at_the_site_root(page_url, href):
    assert rp.relative_to_page("itb-handbook.pdf", page_url) == href


def test_relative_link_needs_a_root_path():
    with pytest.raises(ValueError, match="path from the site root"):
        rp.relative_to_page("/itb-handbook.pdf", "")


def test_download_link_is_a_raw_html_paragraph():
    assert rp.download_link("../x.pdf", "Get <it>", "(2 MB)") == \
        '<p class="pdf-link"><a href="../x.pdf">Get &lt;it&gt;</a> (2 MB)</p>'


def test_emergency_signs_keep_only_the_emergency_tier_and_merge_shared_signs():
    signs = rp.emergency_signs(SYMPTOMS)
    assert signs.withdrawal == ["Rigid muscles", "Itching & <b>tingling</b>"]
    assert signs.overdose == ["Floppy"]
    assert signs.both == ["Seizure"]


def test_emergency_signs_can_keep_only_the_highest_ranked():
    ranked = symptoms([{"id": "a", "label": "A", "withdrawal": [sign("Rigid", rank=1), sign("Hot", rank=3)],
                        "overdose": [sign("Floppy", rank=2), sign("Cold", rank=4)]}])
    signs = rp.emergency_signs(ranked, max_rank=2)
    assert (signs.withdrawal, signs.overdose) == (["Rigid"], ["Floppy"])
    assert rp.emergency_signs(ranked, max_rank=3).withdrawal == ["Rigid", "Hot"]


def test_emergency_signs_fail_loudly_when_a_side_has_none():
    with pytest.raises(ValueError, match=r"data/symptoms.yml.*found 1 and 0"):
        rp.emergency_signs(symptoms([{"id": "a", "label": "A", "withdrawal": [sign("Xy")], "overdose": []}]))


def card(**kw):
    args = dict(call_now="Call 112 now", staff_steps=["Step one.", "Step <two>."], emergency_number="112",
                pump_team_phone="555-0100", more_url="example.org/for-emergency-staff/")
    args.update(kw)
    return rp.emergency_card(rp.emergency_signs(SYMPTOMS), **args)


def test_emergency_card_html():
    html = card()
    assert "\n\n" not in html and "\n" not in html
    assert "Call 112 now if I have:" in html
    assert "<li>Itching &amp; &lt;b&gt;tingling&lt;/b&gt;</li>" in html  # data is text, never markup
    assert "<li>Step &lt;two&gt;.</li>" in html
    assert "<strong>Either:</strong> Seizure" in html
    assert 'data-field="pump-team-phone">555-0100<' in html
    for name in ("name", "date-of-birth", "pump-model", "concentration", "dose", "alarm-date", "refill-by",
                 "hospital"):
        assert html.count(f'data-field="{name}"') == 2, name  # on the card and on its full-size copy
    # the wallet-size card (front, back) and the full-size copy (front, back); no ids: safe to repeat
    assert html.count('class="wallet-card__face') == 4 and ' id="' not in html
    assert html.count("More: example.org/for-emergency-staff/") == 2
    assert "handout-sheet--local" not in html


def test_emergency_card_without_a_public_address_prints_none():
    html = card(more_url=None)
    assert "example.org" not in html and "handout-sheet--local" in html
    assert "For emergency staff&rdquo; in the Baclofen Pump Handbook" in html


def test_emergency_card_leaves_the_phone_blank_without_a_clinic():
    assert 'data-field="pump-team-phone"></span>' in card(pump_team_phone=None)


@pytest.mark.parametrize("steps, message", [([], "at least one"), (["s"] * 6, "at most 5")])
def test_emergency_card_staff_steps_are_checked(steps, message):
    with pytest.raises(ValueError, match=message):
        card(staff_steps=steps)


def test_pump_record_html():
    config = rp.config_script({"note": "</script><script>alert(1)</script> & more"})
    html = rp.pump_record(clinic_name="Example Clinic", pump_team_phone="555-0100", after_hours_phone=None,
                          emergency_number="911", log_rows=3, planner_config_html=config)
    assert "\n" not in html
    for name in ("name", "date-of-birth", "pump-model", "reservoir", "concentration", "dose", "refill-date",
                 "alarm-date", "refill-by",
                 "next-appointment", "pump-team", "pump-team-phone", "after-hours-phone", "emergency-number"):
        assert f'data-field="{name}"' in html
    assert 'data-field="pump-team">Example Clinic<' in html and 'data-field="after-hours-phone"><' in html
    assert html.count("<tr><td></td>") == 3
    assert "</script><script>" not in html
    payload = re.search(r'<script type="application/json" class="itb-refill-config">(.*?)</script>', html).group(1)
    assert json.loads(payload) == {"note": "</script><script>alert(1)</script> & more"}
    with pytest.raises(ValueError, match="log_rows"):
        rp.pump_record(clinic_name=None, pump_team_phone=None, after_hours_phone=None, emergency_number="911",
                       log_rows=0)


def test_external_fetches_finds_remote_assets_but_not_links(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="canonical" href="https://example.org/a/"><a href="https://example.org/read">read</a>'
        '<script src="https://cdn.example.net/x.js"></script><img alt="" src="//img.example.com/p.png">'
        '<link rel="stylesheet" href="assets/ok.css">')
    (tmp_path / "b.css").write_text("body { background: url('https://fonts.example.com/f.woff2') }")
    assert make_offline.external_fetches(tmp_path) == [
        "a.html: //cdn.example.net/x.js", "a.html: //img.example.com/p.png", "b.css: //fonts.example.com/f.woff2"]


def test_zip_is_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    (tmp_path / "site" / "sub").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<p>home</p>")
    (tmp_path / "site" / "sub" / "x.pdf").write_bytes(b"%PDF-1.4")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert make_offline.write_zip(tmp_path / "site", first, "read me") == 3
    os.utime(tmp_path / "site" / "index.html", (0, 0))
    make_offline.write_zip(tmp_path / "site", second, "read me")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("url, public", [
    (None, None), ("", None), ("https://itb-handbook.example.org/", None), ("https://handbook.example.com/x/", None),
    ("http://localhost:8000/", None), ("http://127.0.0.1/", None), ("https://clinic.test/", None),
    ("ftp://itb-handbook.org/", None), ("https://itb-handbook.org/", "https://itb-handbook.org/"),
    ("https://www.clinic.org/itb/", "https://www.clinic.org/itb/")])
def test_published_url_refuses_placeholder_and_local_addresses(url, public):
    assert rp.published_url(url) == public


def test_publish_problem_only_for_a_publishing_build():
    assert rp.publish_problem("https://itb-handbook.example.org/", None) is None
    assert rp.publish_problem("https://itb-handbook.org/", "1") is None
    problem = rp.publish_problem("https://itb-handbook.example.org/", "1")
    assert "ITB_SITE_URL" in problem and "\n" not in problem


def test_worked_example_is_the_refill_arithmetic():
    # By hand: (20 - 2) mL x 2,000 / 400 = 90 days; 400 / 2,000 = 0.2 mL a day; 90 - 7 = 83.
    e = rp.worked_example(pump_name="SynchroMed II 20 mL", reservoir_ml=20, alarm_ml=2, conc=2000, dose=400,
                          margin_days=7, cap_days=180)
    assert (e.usable_ml, e.rate_ml_per_day, e.days_to_alarm, e.refill_by_days, e.capped) == (18, Fraction(1, 5), 90, 83, False)
    html = rp.refill_worksheet(e, pump_team="your pump team")
    assert "\n" not in html and "print-only" in html
    for words in ("20 mL &minus; 2 mL = 18 mL", "400 mcg a day &divide; 2,000 mcg/mL = 0.2 mL a day",
                  "18 mL &divide; 0.2 mL a day = 90 days", "90 &minus; 7 = 83 days",
                  "The printout from your clinic's programmer gives your real date"):
        assert words in html, words
    assert html.count('class="ws-box__write"') == 4 * 3 + 2  # three boxes a step, two for the dates


def test_worked_example_past_the_upper_limit_and_a_rate_that_does_not_end():
    # By hand: 38 mL x 2,000 / 100 = 760 days; 760 - 7 = 753 > 180, so day 180. 100 / 300 = 0.333... mL a day.
    e = rp.worked_example(pump_name="P", reservoir_ml=40, alarm_ml=2, conc=2000, dose=100, margin_days=7,
                          cap_days=180)
    assert (e.days_to_alarm, e.refill_by_days, e.capped) == (760, 180, True)
    assert "so the refill is due by day 180" in rp.refill_worksheet(e, pump_team="x")
    assert rp.decimal_words(rp.worked_example(pump_name="P", reservoir_ml=20, alarm_ml=2, conc=300, dose=100,
                                              margin_days=7, cap_days=180).rate_ml_per_day) == "about 0.333"


# Issue 23, Medium 1 and Low: the offline README names no placeholder address; the copy has no 404.html.
def test_offline_readme_names_the_real_address_only():
    local = make_offline.readme_text("1 December 2026", "https://itb-handbook.example.org/")
    assert "example.org" not in local and "ITB_SITE_URL" in local and "1 December 2026" in local
    assert "example.org" not in make_offline.readme_text("1 December 2026", None)
    real = make_offline.readme_text("1 December 2026", "https://itb-handbook.org/")
    assert "the latest version is at https://itb-handbook.org/" in real and "ITB_SITE_URL" not in real


def test_offline_copy_leaves_out_the_servers_404_page(tmp_path):
    (tmp_path / "404.html").write_text('<link href="/assets/x.css">')
    (tmp_path / "index.html").write_text("<p>home</p>")
    make_offline.drop_server_only_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
