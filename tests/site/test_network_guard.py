"""The network guard itself: an injected external image and fetch are both caught and never leave."""


def test_guard_catches_external_image_and_fetch(new_context, site_url):
    context = new_context()
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.evaluate("""async () => {
        const img = document.createElement('img');
        img.src = 'https://images.example.com/tracker.png';
        img.alt = '';
        document.body.append(img);
        try { await fetch('https://api.example.net/collect?x=1'); } catch (e) { /* aborted, as it should be */ }
        await new Promise(r => setTimeout(r, 300));
    }""")
    assert "https://images.example.com/tracker.png" in context.guard.blocked
    assert "https://api.example.net/collect?x=1" in context.guard.blocked
    context.guard.blocked.clear()  # proven caught; the fixture's own teardown check must not fail this test


def test_local_requests_pass(new_context, site_url):
    context = new_context()
    page = context.new_page()
    response = page.goto(site_url + "maintenance/", wait_until="load")
    assert response.status == 200
    assert context.guard.blocked == []
