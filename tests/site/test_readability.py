"""Plain language, measured: Flesch-Kincaid grade (textstat 0.7.8) of each page's main article text,
each heading and list item counted as a sentence; tables, SVG, forms, code and source lists left out."""
import statistics

from tools.readability import EXEMPT, MEDIAN_MAX_GRADE, PAGE_MAX_GRADE, article_text, grade, site_grades


def test_scorer_counts_headings_and_items_and_skips_tables():
    html = ('<article class="md-content__inner"><h1>Refills</h1><p>Keep every refill visit.</p>'
            '<ul><li>Call the team</li></ul><table><tr><td>Extraordinarily complicated pharmacokinetics</td></tr>'
            '</table><ol class="source-list"><li>Neuromodulation journal</li></ol></article>')
    assert article_text(html) == "Refills.\nKeep every refill visit.\nCall the team."


def test_scorer_tells_hard_text_from_easy_text():
    easy = "You have a pump. It gives you medicine. Keep your visits."
    hard = ("Intrathecal pharmacotherapy necessitates meticulous interdisciplinary coordination regarding "
            "individualised titration methodologies and longitudinal surveillance.")
    assert grade(easy) < 4 < PAGE_MAX_GRADE < grade(hard)


def test_every_patient_page_reads_at_grade_8_or_below(built_site):
    grades = site_grades(built_site)
    print("\nreading grade by page (Flesch-Kincaid):")
    for slug, value in sorted(grades.items()):
        print(f"  {slug:24} {value:5.1f}{'  (exempt)' if slug in EXEMPT else ''}")
    patient = {s: g for s, g in grades.items() if s not in EXEMPT}
    median = statistics.median(patient.values())
    print(f"  median over {len(patient)} patient pages: {median:.1f}")
    assert len(patient) >= 14
    over = {s: g for s, g in patient.items() if g > PAGE_MAX_GRADE}
    assert not over, f"pages above grade {PAGE_MAX_GRADE}: {over}"
    assert median <= MEDIAN_MAX_GRADE
