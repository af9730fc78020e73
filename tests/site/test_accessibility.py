"""axe-core on every built page: WCAG 2.0/2.1/2.2 A and AA plus best practice, light and dark, 1280 and 390 px."""
import pytest

from helpers import axe_violations, describe_violations, page_paths


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "mobile"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_page_has_no_axe_violations(open_page, path, scheme, width):
    page = open_page(path, scheme=scheme, width=width)
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
