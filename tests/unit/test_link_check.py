"""The built-site link checker: every local link and anchor resolves; external links are left alone."""
from macros.link_check import broken_links


def write(site, rel, html):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{html}</body></html>")


def test_good_links_pass(tmp_path):
    write(tmp_path, "index.html", '<a href="a/">A</a><a href="a/#top">top</a><a href="#here">h</a><p id="here"></p>'
                                  '<a href="https://example.org/x">ext</a><a href="tel:555">t</a>'
                                  '<img src="img/p.svg" alt=""><a href="itb-handbook.pdf">pdf</a>')
    write(tmp_path, "a/index.html", '<h2 id="top">T</h2><a href="../">home</a><a href="../index.html#here">h</a>')
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "p.svg").write_text("<svg/>")
    assert broken_links(tmp_path) == []


def test_missing_page_and_missing_anchor_are_named(tmp_path):
    write(tmp_path, "index.html", '<a href="nowhere/">x</a><a href="a/#gone">y</a><a href="#alsogone">z</a>')
    write(tmp_path, "a/index.html", '<h2 id="top">T</h2>')
    assert broken_links(tmp_path) == [
        "index.html: link '#alsogone': no element with id 'alsogone' in index.html",
        "index.html: link 'a/#gone': no element with id 'gone' in a/index.html",
        "index.html: link 'nowhere/' points to a page or file that does not exist",
    ]


def test_links_in_raw_html_attributes_are_checked(tmp_path):
    write(tmp_path, "index.html", '<div class="chart"><svg><a href="../x/">x</a></svg></div>'
                                  '<link rel="stylesheet" href="missing.css"><script src="gone.js"></script>')
    problems = broken_links(tmp_path)
    assert len(problems) == 3 and any("missing.css" in p for p in problems) and any("gone.js" in p for p in problems)
