"""hooks/print_page_a11y.py: on the combined print page every form field keeps its label, and each scrolling
region is named after its chapter too, so two copies of one table are two distinct landmarks."""
from hooks import print_page_a11y as hook

PAGE = ('<label for="rt-res">Pump size</label><select id="rt-res" data-rt="res"></select>'
        '<label for="n">Notes</label><textarea id="n"></textarea>'
        '<label for="d">Dose</label><input id="d" name="dose">'
        '<table><caption id="cap">Days to the <b>alarm</b></caption></table>'
        '<div class="rt-scroll" id="s" role="region" aria-labelledby="cap" tabindex="0"></div>'
        '<div class="data-table__scroll" role="region" aria-label="Signs &amp; tiers" tabindex="0"></div>')


def test_select_and_textarea_ids_follow_their_labels(monkeypatch):
    monkeypatch.setitem(hook._TITLES, "maintenance", "Refills and check-ups")
    out = hook.fix_print_page_fields(PAGE, "maintenance")
    assert '<label for="maintenance-rt-res">Pump size</label><select id="maintenance-rt-res"' in out
    assert '<label for="maintenance-n">Notes</label><textarea id="maintenance-n">' in out
    assert '<label for="maintenance-d">Dose</label><input id="maintenance-d" name="maintenance-dose">' in out


def test_regions_are_named_with_their_chapter(monkeypatch):
    monkeypatch.setitem(hook._TITLES, "maintenance", "Refills and check-ups")
    out = hook.fix_print_page_fields(PAGE, "maintenance")
    assert 'role="region"  tabindex="0" aria-label="Days to the alarm (Refills and check-ups)">' in out
    assert 'aria-label="Signs &amp; tiers (Refills and check-ups)">' in out
    assert "aria-labelledby" not in out


def test_the_hook_replaces_the_plugins_function():
    from mkdocs_print_site_plugin import urls
    hook.on_startup("build", False)
    assert urls.fix_tabbed_content is hook.fix_print_page_fields
