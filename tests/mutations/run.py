"""Apply each realistic mistake to a temporary copy of the project and run the tests that should catch it.

    .venv/bin/python tests/mutations/run.py              # every mutation, 2 at a time
    .venv/bin/python tests/mutations/run.py -k unescaped # only those whose name contains "unescaped"
    .venv/bin/python tests/mutations/run.py --list

One line per mutation: "caught", "NOT caught" (the tests passed with the mistake in place) or "STALE" (the
text to replace is no longer in the file exactly once: update the mutation). Exits 1 unless all are caught.

Adding a mutation is one entry in MUTATIONS: name, file, the exact text, its replacement, and the tests to run
(pytest node ids or files, with an optional "-k expression"). Choose the fewest, fastest tests that should fail;
they run with -x, so the first failure ends the run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
from helpers import TEST_TODAY, copy_project  # noqa: E402

# Not copied, linked: installed things the tests read but never change.
LINKED = ["node_modules"]
# Copied, not linked: the build refuses symbolic links under docs/ (issue 23).
COPIED = ["docs/assets/vendor"]


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str       # path from the project root
    old: str        # must occur exactly once
    new: str
    tests: tuple[str, ...]   # pytest arguments: files, node ids, "-k", "expr"


M = Mutation
MUTATIONS: list[Mutation] = [
    # Issue 12, item 1: the emergency number typed in instead of read from the clinic settings.
    M("emergency number hard-coded in the page variables", "macros/clinic.py",
      '"emergency_number": inert(clinic.emergency_number)}', '"emergency_number": inert("911")}',
      ("tests/clinics/test_clinics_hostile.py", "-k", "emergency_number_shows")),
    M("emergency number hard-coded on the wallet card", "macros/registry.py",
      "staff_steps=list(staff_steps), emergency_number=s.clinic.emergency_number,",
      'staff_steps=list(staff_steps), emergency_number="911",',
      ("tests/clinics/test_clinics_hostile.py", "-k", "handout_pdfs")),
    # Item 2: two signs' tiers swapped.
    M("tiers of two signs swapped in data/symptoms.yml", "data/symptoms.yml",
      '{sign: "Very sleepy, confused or hard to wake", tier: emergency, rank: 2, sources: [L1, L2, P8, P9]}\n'
      '      - {sign: "Drowsy, or sleepier than usual", tier: urgent, rank: 6, sources: [L2, P8]}',
      '{sign: "Very sleepy, confused or hard to wake", tier: urgent, rank: 6, sources: [L1, L2, P8, P9]}\n'
      '      - {sign: "Drowsy, or sleepier than usual", tier: emergency, rank: 2, sources: [L2, P8]}',
      ("tests/unit/test_render_symptoms.py", "tests/print/test_render_print.py")),
    # Item 3: the home page's care card typed by hand again (the data-rendered card swapped for a typed one).
    M("a hand-typed care card on the home page", "docs/index.md",
      "{{ danger_signs_card('emergency', limit=4, also=False, level=2) }}",
      "{{ care_card('emergency', 'Call 911 now if:', ['is very sleepy or hard to wake', 'has a seizure']) }}",
      ("tests/unit/test_signs_single_source.py",)),
    # Item 4: untrusted text left unescaped.
    M("pump name unescaped in the planner <option>", "macros/render_planner.py",
      "{esc(p.name)}</option>", "{p.name}</option>", ("tests/unit/test_hostile_text.py",)),
    M("source title unescaped in render_sources", "macros/render_sources.py",
      "title = esc(src.title)", "title = src.title", ("tests/unit/test_hostile_text.py",)),
    M("source organisation unescaped in render_sources", "macros/render_sources.py",
      "{esc(src.organisation)}{year}", "{src.organisation}{year}", ("tests/unit/test_hostile_text.py",)),
    M("glossary term unescaped", "macros/glossary.py",
      '<dt id="{esc(t.id)}">{esc(t.term)}</dt>', '<dt id="{esc(t.id)}">{t.term}</dt>', ("tests/unit/test_hostile_text.py",)),
    M("care card title unescaped", "macros/care_cards.py", "else esc(title)}</{tag}>", "else title}</{tag}>",
      ("tests/unit/test_hostile_text.py",)),
    M("wallet card call line unescaped", "macros/render_print.py",
      "{esc(call_now)} if I have:", "{call_now} if I have:", ("tests/unit/test_hostile_text.py",)),
    M("clinic name unescaped in the contact block", "macros/clinic.py",
      '("Clinic", esc(clinic.name))', '("Clinic", clinic.name)', ("tests/unit/test_hostile_text.py",)),
    # Item 5: data rules removed.
    M("gt=0 dropped from the refill concentration", "macros/models.py",
      "    mcg_per_ml: int = Field(gt=0)\n", "    mcg_per_ml: int\n", ("tests/unit/test_data_rules.py",)),
    M("duplicate feature-id check removed", "macros/data.py",
      '    problems += _duplicates(models["symptoms.yml"].features, "id", f"{label_root}/symptoms.yml", "features")\n',
      "", ("tests/unit/test_data_rules.py",)),
    M("unknown keys allowed in the data", "macros/models.py",
      'model_config = ConfigDict(extra="forbid", frozen=True)', 'model_config = ConfigDict(extra="ignore", frozen=True)',
      ("tests/unit/test_data_rules.py",)),
    M("upside-down ranges allowed", "macros/models.py",
      "        if self.min > self.max:\n", "        if False:\n", ("tests/unit/test_data_rules.py",)),
    M("source year limit 1950 -> 1900", "macros/models.py",
      "ge=1950, le=2100", "ge=1900, le=2100", ("tests/unit/test_data_rules.py",)),
    M("clinic name limit 80 -> 100 characters", "macros/models.py",
      "min_length=2, max_length=80)", "min_length=2, max_length=100)", ("tests/unit/test_data_rules.py",)),
    M("unknown source ids allowed", "macros/data.py",
      "            if sid not in known:\n", "            if False:\n", ("tests/unit/test_data_rules.py",)),
    # Item 6: limits moved.
    M("review-gap limit 366 -> 400 days", "macros/page_checks.py",
      "MAX_REVIEW_GAP_DAYS = 366", "MAX_REVIEW_GAP_DAYS = 400", ("tests/unit/test_page_checks.py",)),
    M("review-gap limit 366 -> 365 days", "macros/page_checks.py",
      "MAX_REVIEW_GAP_DAYS = 366", "MAX_REVIEW_GAP_DAYS = 365", ("tests/unit/test_page_checks.py",)),
    M("description limit 200 -> 250 characters", "macros/page_checks.py",
      "(30 <= len(desc) <= 200)", "(30 <= len(desc) <= 250)", ("tests/unit/test_page_checks.py",)),
    M("a review due today counted as overdue", "macros/page_checks.py",
      "if review and review < today:", "if review and review <= today:", ("tests/unit/test_page_checks.py",)),
    # Item 7: the JavaScript wording drifts from the Python wording.
    M('JS "about N months" with 30-day months', "docs/javascripts/refill-core.js",
      "halves(days, 487, 32)", "halves(days, 15, 1)",
      ("tests/site/test_planner.py", "-k", "about_phrase_matches_python")),
    # Item 8: the page needs JavaScript to show its tables.
    M("refill table hidden without JavaScript", "docs/stylesheets/tools.css",
      "/* Refill planner, refill-interval table", ".itb-refill-table { display: none; }\n/* Refill planner, refill-interval table", ("tests/site/test_no_javascript.py",)),
    # Item 9: numbers typed by hand instead of read from the data.
    M("max refill interval typed by hand on the home page", "docs/index.md",
      "no more than about {{ refill.max_interval_days.value | num }} days", "no more than about 180 days",
      ("tests/site/test_data_driven_pages.py",)),
    M("pump diameter typed by hand in the FAQ", "docs/faq.md",
      "It is {{ pumps['synchromed-ii-40'].diameter_mm.value | num }} mm across", "It is 87.5 mm across",
      ("tests/site/test_data_driven_pages.py",)),
    # The clock: a build that ignores the pinned date.
    M("the clock ignores ITB_TODAY", "macros/clock.py",
      'pinned = (env.get("ITB_TODAY") or "").strip()', 'pinned = ""', ("tests/unit/test_clock.py",)),
    # mkdocs serve keeps running old macro code.
    M("serve keeps the old macro code", "macros/__init__.py",
      "    for name in [n for n in sys.modules if n == __name__ or n.startswith(__name__ + \".\")]:\n        del sys.modules[name]",
      "    pass", ("tests/site/test_serve_reload.py",)),
    # The combined print page loses its label fix.
    M("print page hook removed", "mkdocs.yml", "  - hooks/print_page_a11y.py\n", "",
      ("tests/site/test_accessibility.py", "-k", "test_axe and print_page-light-desktop")),
    # A renderer's limit on the wallet card.
    M("wallet card takes 6 staff steps", "macros/render_print.py", "if len(staff_steps) > 5:", "if len(staff_steps) > 6:",
      ("tests/print/test_render_print.py",)),
    # The network guard lets everything through.
    M("network guard lets every request through", "tools/local_site.py",
      "    if parts.scheme in LOCAL_SCHEMES:\n        return True\n", "    return True\n",
      ("tests/site/test_network_guard.py",)),
    # Issue 23: data and settings rules
    M("bidi and zero-width characters allowed in clinic text", "macros/models.py",
      "hidden = INVISIBLE.search(v)", "hidden = None",
      ("tests/unit/test_yaml_loading.py", "-k", "bidi")),
    M("a pump alarm volume above its reservoir accepted", "macros/models.py",
      'if (v := known("default_alarm_ml", "reservoir_ml")) and v[0] >= v[1]:', "if False:",
      ("tests/unit/test_data_rules.py", "-k", "alarm")),
    M("an impossible date crashes the loader", "macros/data.py",
      'raise DataError(f"{label}: {_date_problem(exc, text)}") from None', "raise",
      ("tests/unit/test_yaml_loading.py", "-k", "impossible")),
    M("symlinks under docs/ published", "macros/data.py", 'if part == "docs":', "if False:",
      ("tests/unit/test_data_rules.py", "-k", "symlinks")),
    M("a misspelled clinic_settings key ignored", "macros/data.py",
      "if key != SETTINGS_KEY and difflib.get_close_matches(", "if False and difflib.get_close_matches(",
      ("tests/unit/test_data_rules.py", "-k", "misspelled")),
    M("an unknown key's value shown in the message", "macros/data.py",
      'return "unknown key"  #', "return f\"unknown key (got {short(err['input'])})\"  #",
      ("tests/unit/test_yaml_loading.py", "-k", "unknown_keys")),
    M("refill-table bands out of order accepted", "macros/models.py",
      "if any(b >= a for a, b in zip(days[1:], days)):", "if False:",
      ("tests/unit/test_data_rules.py", "-k", "bands")),
    # Issue 19: kinds of survivors
    M("planner today computed in UTC (refill-core todayDay)", "docs/javascripts/refill-core.js",
      "Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())", "Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())",
      ("tests/site/test_planner_timezones.py",)),
    M("chart text class unescaped (callers pass fixed text)", "macros/render_charts.py",
      'class="{esc(cls)}"\'', 'class="{cls}"\'', ("tests/unit/test_every_renderer_escapes.py",)),
    M("QR code css class unescaped (callers pass fixed text)", "macros/render_clinics.py",
      '<svg class="{esc(css_class)}"', '<svg class="{css_class}"', ("tests/unit/test_every_renderer_escapes.py",)),
    M("moved-section title unescaped", "macros/render_clinics.py",
      "[{esc(title)}]({target})", "[{title}]({target})", ("tests/unit/test_every_renderer_escapes.py",)),
    M("a maximum dose changed in data/drug.yml", "data/drug.yml",
      "range: {min: 300, max: 800, sources: [L5, L6]}", "range: {min: 300, max: 1000, sources: [L5, L6]}",
      ("tests/unit/test_clinical_numbers.py",)),
    M("a pump's weight changed in data/pumps.yml", "data/pumps.yml",
      "weight_full_g: {value: 215, sources: [D1]}", "weight_full_g: {value: 251, sources: [D1]}",
      ("tests/unit/test_clinical_numbers.py",)),
    M("a data field no page reads (trial-dose start typed by hand)", "docs/trial-dose.md",
      "at {{ s.small_or_walking_start_mcg.value | num }} mcg", "at 25 mcg",
      ("tests/unit/test_every_data_field_is_read.py",)),
    M("a data field no page reads (oral chart ignores the label maximum)", "macros/render_charts.py",
      "x_max_mg = max(oral.label_max_mg_per_day.value, oral.usual_mg_per_day.max)", "x_max_mg = oral.usual_mg_per_day.max",
      ("tests/unit/test_every_data_field_is_read.py",)),
    M("nginx no longer gzips application/json", "deploy/nginx.conf",
      "gzip_types text/css application/javascript application/json", "gzip_types text/css application/javascript",
      ("tests/clinics/test_clinics_deploy.py", "-k", "gzipped")),
    M("nginx no longer gzips image/svg+xml", "deploy/nginx.conf",
      "gzip_types text/css application/javascript application/json image/svg+xml",
      "gzip_types text/css application/javascript application/json",
      ("tests/clinics/test_clinics_deploy.py", "-k", "gzipped")),
    M('offline leak check ignores rel="icon"', "tools/make_offline.py",
      'NOT_FETCHED_RELS = {"canonical",', 'NOT_FETCHED_RELS = {"icon", "canonical",', ("tests/unit/test_offline_leak_rels.py",)),
    M("offline leak check skips a link when any rel word is harmless", "tools/make_offline.py",
      "if words and words <= NOT_FETCHED_RELS:", "if words & NOT_FETCHED_RELS:", ("tests/unit/test_offline_leak_rels.py",)),
    M("print CSS hides the review dates", "docs/stylesheets/print.css",
      "  .review-dates { break-inside: avoid; }\n", "  .review-dates { display: none; }\n",
      ("tests/site/test_review_dates.py", "-k", "printed")),
    M("print CSS fades the review dates out", "docs/stylesheets/print.css",
      "  .review-dates { break-inside: avoid; }\n", "  .review-dates { break-inside: avoid; visibility: hidden; }\n",
      ("tests/site/test_review_dates.py", "-k", "printed")),
    M("footer date shows the wrong month", "overrides/partials/review-dates.html",
      "months[(d[5:7] | int) - 1]", "months[(d[5:7] | int) % 12]",
      ("tests/site/test_review_dates.py", "-k", "footer")),
    # Issue 20: the link checker no longer checks <img src> (nor any src).
    Mutation("link checker no longer checks img src", "macros/link_check.py",
             'LINK_ATTRIBUTES = {"href", "xlink:href", "src", ',
             'LINK_ATTRIBUTES = {"href", "xlink:href", ',
             ("tests/unit/test_link_check.py",)),
    # Issue 25: engines
    M("raw_html only knows mkdocs' name", "macros/raw_html.py",
      'return [p for p in md.preprocessors if hasattr(p, "present_anchor_ids")]',
      'return [md.preprocessors["mkdocs_raw_html"]] if "mkdocs_raw_html" in md.preprocessors else []',
      ("tests/site/test_engines.py", "-k", "same_site and mkdocs.yml")),
    M("the offline build hard-codes MkDocs", "tools/make_offline.py",
      'engine.command("build", "--strict", "-f", CONFIG, "-d", str(out_dir))',
      '[sys.executable, "-m", "mkdocs", "build", "--strict", "-f", CONFIG, "-d", str(out_dir)]',
      ("tests/site/test_engines.py", "-k", "hard_codes")),
    # Issue 23: publishing.
    M("placeholder address printed on every page", "overrides/partials/print-url.html",
      "{%- if config.extra.print_site_url %}", "{%- if page.canonical_url %}",
      ("tests/site/test_no_placeholder_address.py", "-k", "printed_pages")),
    M("placeholder address in the offline README", "tools/make_offline.py",
      "latest = LATEST_ONLINE.format(site_url=public) if public else LATEST_LOCAL",
      "latest = LATEST_ONLINE.format(site_url=canonical)", ("tests/print/test_render_print.py", "-k", "offline_readme")),
    M("publishing check accepts 127.1 and other short numeric hosts", "macros/site_url.py",
      "    if _NUMBER.match(labels[-1]):\n", "    if _NUMBER.match(labels[-1]) and len(labels) == 4:\n",
      ("tests/unit/test_site_url.py",)),
    M("make html builds straight into site/", "Makefile",
      "html: setup\n\t$(NEW_SITE) && $(BUILD_HTML) && $(SWAP_SITE)",
      "html: setup\n\trm -rf $(SITE) && $(MKDOCS) build --strict -d $(SITE)",
      ("tests/site/test_safe_build.py", "-k", "failed_build")),
    M("swap deletes the old site before moving the new one in", "tools/swap_site.py",
      "    if _exchange(new, site):\n        shutil.rmtree(new)  # now the old site\n        return\n",
      "    shutil.rmtree(site)\n    new.rename(site)\n    return\n", ("tests/unit/test_swap_site.py",)),
    M("For clinics page shows the placeholder address in a local build", "macros/registry.py",
      "        return render_print.published_url(self.site_url)\n", "        return self.site_url\n",
      ("tests/site/test_no_placeholder_address.py", "-k", "anywhere")),
    M("local discharge notes link to a made-up address", "macros/render_clinics.py",
      "        u = lambda path, anchor=None: LOCAL_LINK  # noqa: E731",
      "        u = lambda path, anchor=None: absolute_url('https://itb-handbook.example.org/', path, anchor)",
      ("tests/clinics/test_clinics_render.py", "-k", "local_discharge")),
    M("Copy link from disk copies a file:/// path", "docs/javascripts/planner.js",
      'if (location.protocol === "file:") {', "if (false) {",
      ("tests/print/test_offline.py", "-k", "copy_link")),
    # Issue 23: future refill dates
    M("future-date warning removed", "docs/javascripts/refill-core.js",
      "warn = ahead ? [ahead] : [];", "warn = [];",
      ("tests/site/test_planner.py", "-k", "typed_refill_date_after_today")),
    M("cap check off by a year", "docs/javascripts/refill-core.js",
      "if (ahead > (cfg || api.config).maxDaysAhead) return", "if (ahead > (cfg || api.config).maxDaysAhead + 365) return",
      ("tests/site/test_planner.py", "-k", "year_slip")),
    M("cap check off by one day", "docs/javascripts/refill-core.js",
      "if (ahead > (cfg || api.config).maxDaysAhead) return", "if (ahead >= (cfg || api.config).maxDaysAhead) return",
      ("tests/site/test_planner.py", "-k", "typed_refill_date_after_today")),
    M("a refill date of today counted as ahead", "docs/javascripts/refill-core.js",
      'return ahead > 0 ? "filled_future" : "";', 'return ahead >= 0 ? "filled_future" : "";',
      ("tests/site/test_planner.py", "-k", "future_date_rule_counts_from_the_readers_own_date")),
    M("today taken in UTC, not the reader's own date", "docs/javascripts/refill-core.js",
      "Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())", "Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())",
      ("tests/site/test_planner.py", "-k", "future_date_rule_counts_from_the_readers_own_date")),
    M("Python future-date cap off by a year", "macros/refill.py",
      "    if ahead > max_days_ahead:\n", "    if ahead > max_days_ahead + 365:\n", ("tests/unit/test_refill.py",)),
    M("future-date limit typed into the page config", "macros/render_planner.py",
      '"maxDaysAhead": int(cap),', '"maxDaysAhead": 180,',
      ("tests/unit/test_render_planner.py", "-k", "days_a_refill_date_may_be_ahead")),
    M("link builder skips the refill-date rule", "docs/javascripts/link-builder.js",
      "if (!out.errors[name]) return;", 'if (!out.errors[name] || out.codes[name] === "filled_too_far") return;',
      ("tests/site/test_planner.py", "-k", "builder_refuses_a_refill_date_too_far")),
    M("future-date warning not leading the planner's result", "docs/javascripts/planner.js",
      'var strong = [future ? future.text : "", lead.ask || more]', 'var strong = ["", lead.ask || more]',
      ("tests/site/test_planner.py", "-k", "typed_refill_date_after_today")),
    M("reminder file made quietly from a future refill date", "docs/javascripts/planner.js",
      'var future = last.future ? cfg.messages.ics_future.replace("{filled}", R.dayMonthYear(r.filledDay)) + " " : "";',
      'var future = "";', ("tests/site/test_planner.py", "-k", "reminder_for_a_refill_date_ahead")),
    # Issue 23, high item 1: the pump record prints what the planner refuses
    M("pump record prints a refused dose", "docs/javascripts/pump-record.js",
      'set("dose", accepted("dose") ? fmt(R, v.dose) : "");', 'set("dose", v.dose ? fmt(R, v.dose) : "");',
      ("tests/site/test_planner.py", "-k", "record_shows_no_value")),
    M("pump record calls a refused value missing", "docs/javascripts/pump-record.js",
      'if (c !== "empty") refused.push(k + ": " + out.errors[k]);', 'if (c !== "empty") missing.push(k);',
      ("tests/site/test_planner.py", "-k", "record_shows_no_value")),
    M("pump record drops the planner's warnings", "docs/javascripts/pump-record.js",
      'if (out.ok) out.warnings.forEach(function (w) { if (w.code !== "filled_future") line("Please check: ", w.text); });',
      "", ("tests/site/test_planner.py", "-k", "record_carries")),
    M("pump record drops 'This date has passed'", "docs/javascripts/pump-record.js",
      'return long + (day < now ? ". This date has passed." : day === now ? ". This date is today." : "");',
      "return long;", ("tests/site/test_planner.py", "-k", "record_says_a_date_has_passed")),
    # Issue 18, item 7: the planner
    M("long-empty question removed", "docs/javascripts/refill-core.js",
      'if (today - result.emptyDay > (cfg || api.config).longEmptyDays) return "long_empty";', "",
      ("tests/site/test_planner.py", "-k", "long_empty")),
    M("long empty from the 7th day, not after it", "docs/javascripts/refill-core.js",
      "if (today - result.emptyDay > (cfg || api.config).longEmptyDays)",
      "if (today - result.emptyDay >= (cfg || api.config).longEmptyDays)",
      ("tests/site/test_planner.py", "-k", "long_empty_starts_after")),
    M("Python months of 30 days", "macros/refill.py",
      "MONTH_HALF = Fraction(487, 32)", "MONTH_HALF = Fraction(15)", ("tests/unit/test_refill.py", "-k", "about")),
]


def project_copy(dest: Path) -> Path:
    copy_project(dest)
    shutil.copytree(ROOT / "tests", dest / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pytest.ini", dest / "pytest.ini")
    for part in COPIED:
        if (ROOT / part).is_dir() and not (dest / part).exists():
            shutil.copytree(ROOT / part, dest / part)
    for part in LINKED:
        if (ROOT / part).exists() and not (dest / part).exists():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            (dest / part).symlink_to(ROOT / part)
    return dest


def run_one(mutation: Mutation, workdir: Path) -> tuple[str, float, str]:
    """-> (verdict, seconds, output tail)."""
    start = time.monotonic()
    project = project_copy(workdir / "project")
    target = project / mutation.file
    text = target.read_text(encoding="utf-8") if target.is_file() else ""
    if text.count(mutation.old) != 1:
        return "STALE", 0.0, f"{mutation.file}: the text to replace occurs {text.count(mutation.old)} times (must be 1)"
    target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    env = {**os.environ, "ITB_TODAY": TEST_TODAY, "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
           "--basetemp", str(workdir / "pytest"), *mutation.tests]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=1800)
    tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
    if result.returncode == 0:
        verdict = "NOT caught"
    elif result.returncode == 1:
        verdict = "caught"
    else:  # 2: interrupted/collection error, 4: usage error, 5: no tests collected
        verdict = f"ERROR (pytest exit {result.returncode})"
    return verdict, time.monotonic() - start, tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-j", "--jobs", type=int, default=2, help="mutations run at once (default 2)")
    parser.add_argument("-k", dest="match", default="", help="only mutations whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the test output of every mutation")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if args.match.lower() in m.name.lower()]
    if args.list:
        for m in chosen:
            print(f"{m.name}  [{m.file}]  -> {' '.join(m.tests)}")
        return 0
    if not chosen:
        print(f"no mutation matches {args.match!r}")
        return 2
    width = max(len(m.name) for m in chosen)
    bad = 0
    with tempfile.TemporaryDirectory(prefix="itb-mutations-") as tmp:
        def job(pair):
            i, m = pair
            workdir = Path(tmp) / f"m{i:02d}"
            workdir.mkdir()
            return m, run_one(m, workdir)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for m, (verdict, seconds, tail) in pool.map(job, enumerate(chosen)):
                print(f"{verdict:<12} {m.name:<{width}}  ({seconds:.0f} s; {' '.join(m.tests)})", flush=True)
                if verdict != "caught":
                    bad += 1
                if args.verbose or verdict != "caught":
                    print("    " + tail.replace("\n", "\n    "), flush=True)
    print(f"{len(chosen) - bad} of {len(chosen)} mutations caught")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
