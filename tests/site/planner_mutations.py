"""Apply each planner mistake to this worktree, run the test in tests/site/test_planner.py that should catch it,
and restore the file. Run: .venv/bin/python tests/site/planner_mutations.py [index ...] (slow: one build each)."""
import subprocess, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
J = "docs/javascripts/"
MUTATIONS = [
    ("about +15 -> +29", J + "refill-core.js", "Math.floor((days + 15) / 30)", "Math.floor((days + 29) / 30)", "about_phrase"),
    ("alarm today not counted as passed", J + "refill-core.js", "if (result.alarmDay <= today) return", "if (result.alarmDay < today) return", "alarm_date_today"),
    ("no past-date message at all", J + "refill-core.js", 'if (result.alarmDay <= today) return "alarm_past";', "", "issue_example"),
    ("result does not take focus", J + "planner.js", 'role("result").focus({ preventScroll: true });', "", "refill_by_date_passed"),
    ("mg check removed", J + "refill-core.js", 'if (!p.error && f === "dose" && looksLikeMg(cfg, p.milli))', "if (false)", "looks_like_mg"),
    ("margin 0 warning removed", J + "refill-core.js", 'if (margin === 0) warn.push("margin_zero");', "", "margin_of_zero"),
    ("no fresh form on a new fragment", J + "planner.js", "      reset();\n      var parsed", "      var parsed", "fresh_form"),
    ("rejected link date falls back to today", J + "planner.js", 'if (parsed.rejectedDate) { f("filled").value = ""; linkDateRejected = true; }', "", "rejected_link_date"),
    ("stale output: no recompute on input", J + "planner.js", "        if (started) run(false);\n      });", "      });", "editing_a_field"),
    ("notice echoes unknown keys", J + "refill-core.js", "if (keys.indexOf(key) < 0) { unknown = true; return; }", "if (keys.indexOf(key) < 0) { ignored.push({ key: key, code: 'bad' }); unknown = true; return; }", "attacker_text or all_invalid"),
    ("reservoir with named pump dropped silently", J + "refill-core.js", 'note("reservoir", "reservoir_named");', "", "reservoir_with"),
    ("decodeURIComponent unguarded in link-builder", J + "link-builder.js", 'try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }', "hash = decodeURIComponent(location.hash.slice(1));", "percent_encoding"),
    ("ics folded by UTF-16 length", J + "refill-core.js", "var k = utf8Length(ch);", "var k = ch.length;", "ics_lines"),
    ("date range not checked in makeIcs", J + "refill-core.js", "    if (day.error) return null;\n", "", "after_2099"),
    ("comma read as decimal", J + "refill-core.js", 'else return { error: /^[\\d.,]+$/.test(s) ? "separators" : "not_number" };', 'else if (/^\\d*,\\d+$/.test(s)) s = s.replace(",", "."); else return { error: "not_number" };', "separators or bad_input"),
    ("builder skips the planner's range checks", J + "link-builder.js", "var out = R.compute(values, cfg), problems = [];", "var out = R.compute(values, cfg), problems = []; out.errors = {}; if (!values.pump) out.errors.pump = 'x';", "builder"),
]
only = sys.argv[1:]
for i, (name, rel, old, new, k) in enumerate(MUTATIONS):
    if only and str(i) not in only:
        continue
    path = ROOT / rel
    text = path.read_text()
    assert text.count(old) == 1, (name, text.count(old))
    path.write_text(text.replace(old, new))
    try:
        r = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pytest", "-p", "no:xdist", "-q", "-x",
                            "tests/site/test_planner.py", "-k", k], cwd=ROOT, capture_output=True, text=True)
        last = [l for l in r.stdout.splitlines() if l.strip()][-1]
        failed = [l for l in r.stdout.splitlines() if l.startswith("FAILED")]
        print(f"[{i}] {name}: {'CAUGHT' if r.returncode else 'NOT CAUGHT'} :: {last} :: {failed[:1]}", flush=True)
    finally:
        path.write_text(text)
