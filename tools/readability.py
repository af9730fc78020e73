"""Reading-grade scores of the built pages, as the readability test computes them.

Usage: python -m tools.readability [SITE_DIR]   (default: site/)

What is scored: the page's main article text. Each heading and list item counts as a sentence.
Left out: tables, SVG, forms, code, the source list, citations, the review-date footer and
anything marked .no-readability (for example a quoted alarm label).
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

# Pages written for clinicians or made of reference lists; scored and printed but not held to the limit.
EXEMPT = {"for-emergency-staff", "sources", "glossary"}
NOT_PROSE = ["table", "svg", "form", "code", "pre", "script", "style", "nav", ".source-list", ".cite",
             ".headerlink", ".review-dates", ".no-readability", "#page-sources", ".md-source-file",
             "details.data-table", ".visually-hidden", "dl.clinic-contacts", "figure.chart"]
SENTENCE_ENDS = (".", "!", "?", ":")
PAGE_MAX_GRADE = 8.0
MEDIAN_MAX_GRADE = 7.0


def article_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup
    for selector in NOT_PROSE:
        for node in article.select(selector):
            node.decompose()
    chunks = []
    for node in article.find_all(["h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "figcaption", "summary"]):
        if node.find(["p", "li", "ul", "ol"]):  # a container: its children are scored on their own
            continue
        text = " ".join(node.get_text(" ", strip=True).split())
        if not text:
            continue
        chunks.append(text if text.endswith(SENTENCE_ENDS) else text + ".")
    return "\n".join(chunks)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def slug_of(path: Path, site: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "home" if rel == "index.html" else rel.removesuffix("/index.html").removesuffix(".html")


def site_grades(site: Path) -> dict[str, float]:
    grades = {}
    for path in sorted(site.rglob("index.html")):
        slug = slug_of(path, site)
        if slug in {"search", "print_page"} or slug.startswith("assets"):
            continue
        grades[slug] = grade(article_text(path.read_text(encoding="utf-8")))
    return grades


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    grades = site_grades(site)
    patient = [g for s, g in grades.items() if s not in EXEMPT]
    for slug, g in grades.items():
        flag = "exempt" if slug in EXEMPT else ("OVER" if g > PAGE_MAX_GRADE else "ok")
        print(f"{slug:24} grade {g:5.1f}  {flag}")
    print(f"median over patient pages: {statistics.median(patient):.1f} (limit {MEDIAN_MAX_GRADE})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
