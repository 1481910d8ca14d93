"""Fits a laptop (issue 12, item 6): in Chromium at 1280 x 900 with JupyterLab's file browser open, every explorer,
the exercise player (each exercise) and the workshop dashboard's widgets fit their output area: no canvas wider than
it, no control outside it or cut short, every slider track at least 150 px; the workshop page in Voila has no
horizontal overflow. Measured in the real page (getBoundingClientRect)."""
import nbformat
import pytest
from playwright.sync_api import expect

from tools.jupyterlab_page import DASHBOARD, kernel_idle, open_file_browser, run_all_cells

MIN_TRACK_PX = 150
LAYOUT_NOTEBOOK = "layout_check.ipynb"
#: Every widget a lesson or the dashboard shows, one per cell.
WIDGETS = ("explorers.PostureExplorer()", "explorers.PostureExplorer(presenter=True)", "explorers.HoldVsFloss()",
           "explorers.HoldVsFloss(presenter=True)", "player.ExercisePlayer(design.SUPINE)",
           "player.ExercisePlayer(design.SEATED)", "player.ExercisePlayer(design.HOLD)")

# What does not fit in each output area that holds a widget, as sentences (an empty list: everything fits).
MEASURE_JS = """
([minTrack]) => {
  const problems = [];
  const shown = el => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  const name = el => (el.querySelector('.widget-label')?.textContent || el.textContent || el.className)
                       .trim().slice(0, 40);
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
                    .filter(out => out.querySelector('.widget-slider, canvas.nd-live'));
  outputs.forEach((out, index) => {
    const box = out.getBoundingClientRect();
    const where = `output ${index + 1} (${Math.round(box.width)} px wide)`;
    if (out.scrollWidth > out.clientWidth + 1)
      problems.push(`${where}: its content is ${out.scrollWidth} px wide`);
    for (const canvas of out.querySelectorAll('canvas.nd-live')) {
      const r = canvas.getBoundingClientRect();
      if (r.width === 0) problems.push(`${where}: a canvas 0 px wide`);
      if (r.left < box.left - 1 || r.right > box.right + 1)
        problems.push(`${where}: a canvas ${Math.round(r.width)} px wide reaches ` +
                      `${Math.round(r.right - box.right)} px past it`);
    }
    const controls = '.widget-slider, .widget-dropdown, .widget-toggle-buttons, .widget-button, ' +
                     '.widget-toggle-button, .widget-checkbox, .widget-play, .widget-readout, .widget-label';
    for (const el of [...out.querySelectorAll(controls)].filter(shown)) {
      const r = el.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1)
        problems.push(`${where}: control "${name(el)}" reaches ${Math.round(r.right - box.right)} px past it`);
      if (el.matches('.widget-label, .widget-readout, .widget-button, .widget-toggle-button') &&
          el.scrollWidth > el.clientWidth + 1)
        problems.push(`${where}: the text of "${name(el)}" is cut (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
    for (const slider of [...out.querySelectorAll('.widget-slider')].filter(shown)) {
      const track = slider.querySelector('.noUi-target');
      const width = track ? track.getBoundingClientRect().width : 0;
      if (width < minTrack) problems.push(`${where}: slider "${name(slider)}" has a ${Math.round(width)} px track`);
    }
  });
  if (outputs.length === 0) problems.push('no output holds a widget');
  return problems;
}
"""


@pytest.fixture(scope="module")
def layout_notebook(notebooks_copy):
    """A notebook in the served copy that shows every widget, one per cell."""
    cells = [nbformat.v4.new_code_cell("from neurodynamics.interface import explorers, player\n"
                                       "from neurodynamics.model import design")]
    cells += [nbformat.v4.new_code_cell(source) for source in WIDGETS]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}})
    nbformat.write(notebook, notebooks_copy / LAYOUT_NOTEBOOK)
    return LAYOUT_NOTEBOOK


def assert_fits(page, count):
    """``count`` outputs hold widgets, and everything in them fits (MEASURE_JS)."""
    outputs = page.locator(".jp-OutputArea-output", has=page.locator(".widget-slider"))
    expect(outputs).to_have_count(count)
    problems = page.evaluate(MEASURE_JS, [MIN_TRACK_PX])
    assert not problems, "does not fit:\n" + "\n".join(problems)


def test_every_widget_fits_jupyterlab_with_the_file_browser_open(page, jupyterlab_server, layout_notebook,
                                                                   screenshot, assert_live_pictures_drawn):
    server = jupyterlab_server
    page.goto(f"{server.url}/lab/workspaces/layout/tree/{layout_notebook}?token={server.token}")  # its own tabs
    expect(kernel_idle(page)).to_be_visible(timeout=90_000)
    width = open_file_browser(page)
    assert width >= 200, f"the file browser is open ({width} px)"
    run_all_cells(page)
    assert_live_pictures_drawn(page)
    screenshot(page, "layout-lab")
    assert_fits(page, len(WIDGETS))
    page.problems.assert_none()


def test_the_workshop_page_fits_1280_px_in_voila(page, voila_server, screenshot, assert_live_pictures_drawn):
    page.goto(f"{voila_server.url}/voila/render/{DASHBOARD}", timeout=120_000)
    assert_live_pictures_drawn(page)
    screenshot(page, "layout-voila-dashboard")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.evaluate("() => window.innerWidth"), \
        "the workshop page scrolls sideways"
    assert_fits(page, 2)
    page.problems.assert_none()
