"""Every page: its sources from data/sources.yml, its review dates, the "Get help now" link, and its description."""
import pytest
from bs4 import BeautifulSoup

from helpers import DOCS, page_paths
from macros.data import load_site_data
from helpers import ROOT

SITE = load_site_data(ROOT / "data")


def front_matter(path: str) -> dict:
    import yaml
    stem = "index" if path == "" else path.rstrip("/")
    text = (DOCS / f"{stem}.md").read_text()
    return yaml.safe_load(text.split("---", 2)[1])


def soup_of(built_site, path) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text(), "html.parser")


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_page_ends_with_its_sources_and_dates(built_site, path):
    meta = front_matter(path)
    soup = soup_of(built_site, path)
    listed = [li["id"].removeprefix("src-") for li in soup.select("ol.source-list li")]
    assert listed == meta["sources"]
    for sid in listed:
        assert SITE.sources[sid].title in soup.select_one(f"#src-{sid}").get_text(" ")
    dates = soup.select_one(".review-dates")
    assert dates.select("time")[0]["datetime"] == str(meta["last_checked"])
    assert dates.select("time")[1]["datetime"] == str(meta["next_review"])
    assert "Last checked against sources" in dates.get_text() and "Next review due" in dates.get_text()


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_page_has_help_link_and_description(built_site, path):
    soup = soup_of(built_site, path)
    help_link = soup.select_one("header a.get-help")
    assert help_link.get_text(strip=True).endswith("Get help now")
    target = (built_site / path / help_link["href"]).resolve()
    assert target == (built_site / "emergency").resolve()
    assert soup.select_one('meta[name="description"]')["content"] == front_matter(path)["description"]


def test_generic_build_names_the_team_generically(built_site):
    text = soup_of(built_site, "emergency/").get_text(" ")
    assert "your pump team" in text.lower() or "your pump clinic" in text.lower()
    assert "Not yet reviewed by a named clinician" in text
