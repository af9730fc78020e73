"""My pump team's number, on my device: a reader saves the numbers on /emergency/ or /pump-record/ (localStorage
only), and every "call your pump team" on every page then carries a tap-to-call link. Without JavaScript the
pages read as before and say where to find the number. Every context runs behind the network guard."""
from __future__ import annotations

import pytest

NUMBER, AFTER = "1 (555) 010-0100", "+1 555 010 0199"  # the PHONE rule of macros/models.py


def requests_of(context, site_url) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    return seen


def open_form(page):
    """The form sits in a closed "Save your pump team's number" section: open it."""
    details = page.locator("details.itb-my-numbers-details")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    return page.locator("form.itb-my-numbers")


def save(page, number=NUMBER, after=AFTER):
    form = open_form(page)
    form.locator('input[name="pump_team_phone"]').fill(number)
    form.locator('input[name="after_hours_phone"]').fill(after)
    form.get_by_role("button", name="Save").click()
    return form


def calls(page) -> list[dict]:
    return page.eval_on_selector_all("article a.itb-my-call", """els => els.map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), text: a.textContent.trim(), h: r.height, w: r.width};
    })""")


@pytest.mark.parametrize("form_page", ["emergency/", "pump-record/"])
def test_save_then_another_page_has_the_link_and_forget_removes_it(new_context, site_url, form_page):
    context = new_context(width=390)
    seen = requests_of(context, site_url)
    page = context.new_page()
    page.goto(site_url + form_page)
    assert calls(page) == [] if form_page == "pump-record/" else True
    form = save(page)
    assert "Saved on this device" in form.locator('[role="status"]').inner_text()
    # Another page: the urgent card of the FAQ answers and the maintenance page carry the number.
    other = context.new_page()
    other.goto(site_url + "maintenance/")
    found = calls(other)
    assert found, "the saved number is not shown on another page"
    assert {c["href"] for c in found} <= {"tel:15550100100", "tel:+15550100199"}
    assert "tel:15550100100" in {c["href"] for c in found}
    for c in found:
        assert c["h"] >= 44 and c["w"] >= 44, c
    emergency = context.new_page()
    emergency.goto(site_url + "emergency/")
    hrefs = [c["href"] for c in calls(emergency)]
    assert "tel:15550100100" in hrefs and "tel:+15550100199" in hrefs
    # Forget: gone on every page.
    open_form(emergency).get_by_role("button", name="Forget").click()
    assert calls(emergency) == []
    other.reload()
    assert calls(other) == []
    assert context.pages[0].evaluate("() => localStorage.getItem('itb-my-numbers')") is None
    assert all(u.startswith(site_url) for u in seen), [u for u in seen if not u.startswith(site_url)]


def test_invalid_and_hostile_input_get_a_clear_message_and_stay_text(new_context, site_url):
    context = new_context(width=390)
    page = context.new_page()
    page.goto(site_url + "emergency/")
    form = save(page, number='<img src=x onerror="window.pwned=1">', after="")
    status = form.locator('[role="status"]').inner_text()
    assert "phone number" in status and "digits" in status, status
    assert page.evaluate("() => localStorage.getItem('itb-my-numbers')") is None
    # Stored by hand (a tampered store): never shown, never parsed as HTML.
    page.evaluate("""() => localStorage.setItem('itb-my-numbers',
        JSON.stringify({pump_team_phone: '<img src=x onerror="window.pwned=1">', after_hours_phone: '1<b>2</b>3'}))""")
    page.reload()
    assert calls(page) == []
    assert page.evaluate("() => window.pwned === undefined && !document.querySelector('article img[src=x]')")


def test_without_javascript_the_page_says_where_to_find_the_number(open_page):
    page = open_page("emergency/", width=390, javascript=False)
    assert not page.locator("form.itb-my-numbers").is_visible()
    text = page.locator("article").inner_text()
    assert "wallet card" in text and "pump ID card" in text and "discharge papers" in text
