"""Dragging a slider in Voila (issue 24, points 1 and 4): the picture keeps up while the handle moves, and once the
mouse is released the picture is the right one: pixel for pixel what a fresh page shows for the same posture,
reached there slowly, one arrow press at a time."""
from playwright.sync_api import expect

from test_lab import CANVAS, SLIDER

DASHBOARD = "workshop_dashboard.ipynb"
QUIET_MS = 800  # the picture counts as settled once it has not changed for this long
PICTURE_JS = "sel => document.querySelector(sel).toDataURL()"


def settled_picture(page) -> str:
    """The first live picture's pixels once nothing has changed in it for QUIET_MS."""
    page.wait_for_function("([sel, ms]) => ndStill('picture', document.querySelector(sel).toDataURL(), ms)",
                           arg=[CANVAS, QUIET_MS], polling=100, timeout=60_000)
    return page.evaluate(PICTURE_JS, CANVAS)


def open_dashboard(page, url, assert_live_pictures_drawn):
    page.goto(f"{url}/voila/render/{DASHBOARD}", timeout=120_000)
    assert_live_pictures_drawn(page)
    hip = page.locator(SLIDER.format("hip")).first
    expect(hip).to_be_visible()
    hip.scroll_into_view_if_needed()
    return hip


def test_a_dragged_slider_ends_on_the_same_picture_as_the_same_posture_reached_slowly(
        page, context, voila_server, assert_live_pictures_drawn, screenshot):
    hip = open_dashboard(page, voila_server.url, assert_live_pictures_drawn)
    settled_picture(page)
    page.evaluate("""sel => { window.ndPictures = 0; const c = document.querySelector(sel);
        const draw = c.getContext('2d').drawImage.bind(c.getContext('2d'));
        c.getContext('2d').drawImage = (...a) => { window.ndPictures++; return draw(...a); }; }""", CANVAS)
    handle = hip.locator(".noUi-handle")
    track = hip.locator(".noUi-base").bounding_box()
    box = handle.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    steps = 60
    for step in range(1, steps + 1):  # a sweep over most of the track, about 1.5 s
        page.mouse.move(track["x"] + track["width"] * (0.25 + 0.5 * step / steps), y)
        page.wait_for_timeout(25)
    page.mouse.up()
    dragged = settled_picture(page)
    value = int(hip.locator(".widget-readout").text_content())
    pictures = page.evaluate("() => window.ndPictures")
    screenshot(page, "drag-final")
    assert value > 0, "the drag moved the hip"
    assert pictures >= 5, f"the picture followed the drag ({pictures} pictures drawn during it)"
    page.problems.assert_none()

    slow = context.new_page()
    slow.problems = page.problems
    hip = open_dashboard(slow, voila_server.url, assert_live_pictures_drawn)
    settled_picture(slow)
    hip.locator(".noUi-handle").focus()
    while int(hip.locator(".widget-readout").text_content()) < value:
        slow.keyboard.press("ArrowRight")
        slow.wait_for_timeout(60)
    expect(hip.locator(".widget-readout")).to_have_text(str(value))
    reached = settled_picture(slow)
    screenshot(slow, "drag-same-posture-slowly")
    assert reached == dragged, f"after the drag to hip {value} the picture differs from the same posture reached slowly"
