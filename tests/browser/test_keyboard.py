"""Keyboard alone (issue 12, item 8): on the workshop page in Voila, Tab reaches every control of the posture explorer
in turn, from the hip slider to the tether strength, and a key (arrow, Space or Enter) changes each one; every change
shows in the figure's pixels or in the sentence under it (compared with the explorer once it was still)."""
from playwright.sync_api import expect

from tools.jupyterlab_page import CANVAS, DASHBOARD, HIP_SLIDER, SLIDER

QUIET_MS = 1000  # before each key press the explorer must have been still this long
MAX_TABS = 4  # Tab presses from one control to the next (a slider's value readout takes the focus too)

#: The posture explorer's controls in tab order: (what, a selector inside the explorer, the key that changes it).
CONTROLS = [
    *((f"{joint} slider", f"{SLIDER.format(joint)} .noUi-handle", "ArrowRight")
      for joint in ("hip", "knee", "ankle", "neck", "trunk")),
    *((f"preset {name}", f"button:text-is('{name}')", "Enter")
      for name in ("standing", "straight-leg raise", "slump sitting", "supine floss (end)", "seated floss (end)")),
    ("pin", "button:text-is('pin this posture')", "Space"),
    ("plausible range", ".widget-checkbox input", "Space"),
    ("tension view", ".widget-toggle-buttons button:text-is('tension')", "Enter"),
    ("lying body", ".widget-toggle-buttons button:text-is('lying on the back')", "Enter"),
    ("tether site", ".widget-dropdown:has(label:text-is('tied down at')) select", "ArrowDown"),
    ("tether strength", ".widget-dropdown:has(label:text-is('tether strength')) select", "ArrowUp"),
]

# What a student sees of the explorer: the figure's pixels, the sentence under it, the line on the tether.
STATE_JS = """
box => [box.querySelector('canvas.nd-live').toDataURL(),
        box.querySelector('[aria-live]').textContent, box.querySelector('.nd-tether')?.textContent ?? '']
"""


def test_every_control_of_the_posture_explorer_works_from_the_keyboard(page, voila_server, screenshot,
                                                                       assert_live_pictures_drawn):
    page.goto(f"{voila_server.url}/voila/render/{DASHBOARD}", timeout=120_000)
    assert_live_pictures_drawn(page)
    explorer = page.locator(".widget-vbox", has=page.locator(HIP_SLIDER)).filter(
        has=page.locator(CANVAS))  # the box that holds the sliders and the figure
    expect(explorer).to_have_count(1)
    page.evaluate(f"() => {{ window.ndState = {STATE_JS.strip()}; }}")
    explorer.locator(CONTROLS[0][1]).focus()
    for index, (what, selector, key) in enumerate(CONTROLS):
        control = explorer.locator(selector)
        expect(control).to_have_count(1)
        if index > 0:
            for _ in range(MAX_TABS):
                if control.evaluate("el => el === document.activeElement"):
                    break
                page.keyboard.press("Tab")
        assert control.evaluate("el => el === document.activeElement"), \
            f"{MAX_TABS} Tab presses after the previous control do not reach the {what}"
        page.wait_for_function(  # the last change has fully arrived: nothing moved for QUIET_MS
            "([box, ms]) => ndStill('explorer', JSON.stringify(window.ndState(box)), ms)",
            arg=[explorer.element_handle(), QUIET_MS], polling=100, timeout=30_000)
        before = explorer.evaluate("box => JSON.stringify(window.ndState(box))")
        page.keyboard.press(key)
        try:
            page.wait_for_function("([box, old]) => JSON.stringify(window.ndState(box)) !== old",
                                   arg=[explorer.element_handle(), before], timeout=10_000)
        except Exception as error:
            raise AssertionError(f"{key} on the {what} changed neither the figure nor the sentence") from error
    screenshot(page, "keyboard-dashboard")
    assert "Since the pin" in explorer.locator("[aria-live]").text_content()
    page.problems.assert_none()

