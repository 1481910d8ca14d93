"""Controls and picture together (issue 24, point 2), measured in Chromium at 1280 x 720 (a 1280 x 800 laptop with
the browser's bars): once an explorer is scrolled into view, its sliders and its whole figure are on screen at once,
pinned or not, in JupyterLab with the file browser open and in the workshop page in Voila; the exercise player's
play button and its body are on screen together; at 1920 x 1080 the workshop page cuts nothing."""
import pytest
from playwright.sync_api import expect

from test_lab import SLIDER
from test_layout import DASHBOARD, layout_notebook  # noqa: F401 (a fixture)
from tools.jupyterlab_page import kernel_idle, open_file_browser, run_all_cells

LAPTOP = {"width": 1280, "height": 720}
WIDE = {"width": 1920, "height": 1080}

# For the output (or page) box that holds the slider found first by `selector`: the parts of the sliders and of
# the first live picture that are off screen, after scrolling so that the first slider is at the top of the view.
OFF_SCREEN_JS = """
([box, top, player]) => {
  const view = (top ? document.querySelector(top) : null)?.getBoundingClientRect() ??
               {top: 0, bottom: window.innerHeight, left: 0, right: window.innerWidth};
  const problems = [];
  const check = (el, what) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0) { problems.push(`${what}: not shown`); return; }
    if (r.top < view.top - 1 || r.bottom > view.bottom + 1 || r.left < view.left - 1 || r.right > view.right + 1)
      problems.push(`${what}: ${Math.round(r.top - view.top)} to ${Math.round(r.bottom - view.top)} px from the ` +
                    `top of a view ${Math.round(view.bottom - view.top)} px high`);
  };
  if (!player) box.querySelectorAll('.widget-slider').forEach((el, i) => {
    if (el.offsetParent !== null) check(el, `slider ${i + 1} (${el.querySelector('.widget-label')?.textContent})`);
  });
  box.querySelectorAll('.widget-play').forEach(el => check(el, 'play button'));
  check(box.querySelector('canvas.nd-live'), 'the figure');
  return problems;
}
"""


def scroll_to(locator) -> None:
    """Scroll so that ``locator`` is at the top of its scrolling area (as a student scrolls an explorer in); again
    once the outputs above it have settled (JupyterLab lays out cells as they come into view)."""
    for _ in range(3):
        locator.evaluate("el => el.scrollIntoView({block: 'start'})")
        locator.page.wait_for_timeout(500)


def assert_on_screen(box, top=None, what=""):
    """The explorer in ``box`` scrolled in (its first slider at the top of the view, or a player's play button):
    its sliders (a player's play button) and its first picture are all on screen."""
    player = box.locator(".widget-play").count() > 0
    scroll_to(box.locator(".widget-play" if player else ".widget-slider").first)
    problems = box.page.evaluate(OFF_SCREEN_JS, [box.element_handle(), top, player])
    assert not problems, f"{what}: off screen at {box.page.viewport_size}:\n" + "\n".join(problems)


def test_workshop_sliders_and_figure_on_screen_together_in_voila(page, voila_server, assert_live_pictures_drawn,
                                                                 screenshot):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{voila_server.url}/voila/render/{DASHBOARD}", timeout=120_000)
    assert_live_pictures_drawn(page)
    explorer = page.locator(".widget-vbox", has=page.locator(SLIDER.format("hip"))).filter(
        has=page.locator("canvas.nd-live")).first
    assert_on_screen(explorer, what="workshop explorer")
    page.get_by_role("button", name="pin this posture").first.click()
    expect(explorer.locator(".nd-pin-note")).to_be_visible()
    assert_on_screen(explorer, what="workshop explorer, pinned")
    screenshot(page, "viewport-voila-1280x720")
    page.problems.assert_none()


def test_workshop_cuts_nothing_at_1920(page, voila_server, assert_live_pictures_drawn, screenshot):
    page.set_viewport_size(WIDE)
    page.goto(f"{voila_server.url}/voila/render/{DASHBOARD}", timeout=120_000)
    assert_live_pictures_drawn(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways"
    explorer = page.locator(".widget-vbox", has=page.locator(SLIDER.format("hip"))).filter(
        has=page.locator("canvas.nd-live")).first
    assert_on_screen(explorer, what="workshop explorer at 1920 x 1080")
    screenshot(page, "viewport-voila-1920x1080")


@pytest.mark.parametrize("index, what", [(0, "lesson explorer"), (1, "presenter explorer"), (4, "exercise player")])
def test_lab_controls_and_figure_on_screen_together_with_the_file_browser_open(
        page, jupyterlab_server, layout_notebook, assert_live_pictures_drawn, screenshot, index, what):  # noqa: F811
    page.set_viewport_size(LAPTOP)
    server = jupyterlab_server
    page.goto(f"{server.url}/lab/workspaces/viewport{index}/tree/{layout_notebook}?token={server.token}")
    expect(kernel_idle(page)).to_be_visible(timeout=90_000)
    assert open_file_browser(page) >= 200
    run_all_cells(page)
    assert_live_pictures_drawn(page)
    output = page.locator(".jp-OutputArea-output", has=page.locator("canvas.nd-live")).nth(index)
    view = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
    assert_on_screen(output, view, what)
    if index < 2:
        output.get_by_role("button", name="pin this posture").click()
        expect(output.locator(".nd-pin-note")).to_be_visible()
        assert_on_screen(output, view, f"{what}, pinned")
    screenshot(page, f"viewport-lab-{index}")
