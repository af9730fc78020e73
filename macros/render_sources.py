"""Source lists and inline citations, rendered from data/sources.yml.

On a page, a citation is a small superscript number that links to that source in the page's own
"Sources for this page" list. The number is the source's place in the page's front-matter `sources`, so it
is stable and is the same number the list shows. The list items keep the ids `src-<id>`; on the combined
print page the print-site plugin prefixes each with the page's slug (`maintenance-src-P14`), so they stay
unique there too."""
from __future__ import annotations

from .html import esc


def _source_item(src, anchor_prefix: str = "src") -> str:
    if src.title_is_description:
        raise ValueError(f"data/sources.yml: {src.id}: title is a description, not the source's real title; "
                         "give the real title, or its journal, year and PMID/doi")
    title = esc(src.title)
    link = f'<a href="{esc(src.url)}">{title}</a>' if src.url else title
    year = f", {src.year}" if src.year else ", no date"
    return f'<li id="{anchor_prefix}-{esc(src.id)}">{link}. {esc(src.organisation)}{year}.</li>'


def page_sources(ids: list[str], sources: dict) -> str:
    """The 'Sources for this page' section that ends every page (Markdown heading + HTML list)."""
    # One <li> per line: print-site's id rewriting only sees the first id on each line.
    items = "\n".join(_source_item(sources[i]) for i in ids)
    return ("\n\n## Sources for this page { #page-sources }\n\n"
            f'<ol class="source-list">\n{items}\n</ol>\n')


def all_sources(sources: dict, kinds: dict[str, str]) -> str:
    """Every source, grouped by kind, for /sources/."""
    out = []
    for kind, heading in kinds.items():
        group = [s for s in sources.values() if s.kind == kind]
        if not group:
            continue
        items = "\n".join(_source_item(s, anchor_prefix="source") for s in group)
        out.append(f"\n\n### {heading} {{ #sources-{kind} }}\n\n<ul class=\"source-list\">{items}</ul>\n")
    return "".join(out)


def cite(ids: tuple[str, ...], sources: dict, page_ids: list[str]) -> str:
    """An inline citation: superscript numbers, each linking to the source in the page's source list.

    page_ids is the page's front-matter `sources`; a source's number is its place in that list."""
    missing = [i for i in ids if i not in page_ids]
    if missing:
        raise ValueError(f"cite({', '.join(ids)}): {', '.join(missing)} not in this page's front-matter sources")
    numbered = sorted({page_ids.index(i) + 1: i for i in ids}.items())
    sep = '<span class="cite__sep" aria-hidden="true">,</span>'
    links = sep.join(f'<a class="cite__link" href="#src-{esc(i)}" aria-label="Source {n}" '
                     f'title="{esc(sources[i].title)}">{n}</a>' for n, i in numbered)
    return f'<sup class="cite">{links}</sup>'
