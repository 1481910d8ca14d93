"""The first lesson runs from top to bottom in JupyterLab, as a student runs it: Run > Run All Cells; then its
posture explorer answers the keyboard: each arrow press moves a slider, redraws the figure and updates the readout
to the model's values for the new posture."""
import re

from playwright.sync_api import expect

import neurodynamics as nd

KERNEL_IDLE = re.compile(r"^Python 3 \(ipykernel\) \| Idle$")  # the status bar's kernel item, once connected
CODE_PROMPTS = ".jp-CodeCell .jp-InputArea-prompt"


def menu_command(page, menu, command):
    """Click a menu of the menu bar, then one of its items, by its JupyterLab command id."""
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def test_lesson_runs_in_jupyterlab(page, jupyterlab_server, lesson, screenshot, assert_images_loaded,
                                   assert_ipympl_figures_drawn):
    server = jupyterlab_server
    page.goto(f"{server.url}/lab/tree/{lesson.name}?token={server.token}")
    kernel_idle = page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)
    expect(kernel_idle).to_be_visible(timeout=90_000)
    screenshot(page, "lab-1-opened")

    # Start from empty outputs, so that what the checks see was made by this run (the file has stored outputs).
    menu_command(page, "Edit", "editmenu:clear-all")
    expect(page.locator(".jp-OutputArea-output")).to_have_count(0)
    prompts = page.locator(CODE_PROMPTS)
    code_cells = prompts.count()
    assert code_cells > 0

    menu_command(page, "Run", "runmenu:run-all")
    for index in range(code_cells):  # every code cell gets an execution count: [1]:, [2]:, ...
        expect(prompts.nth(index)).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=120_000)
    expect(kernel_idle).to_be_visible()
    screenshot(page, "lab-2-ran-all-cells")

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                          has_text=re.compile("Traceback|Error"))
    expect(errors).to_have_count(0)
    expect(page.locator(".jp-RenderedText", has_text="Traceback")).to_have_count(0)
    assert_images_loaded(page, ".jp-OutputArea-output img")
    assert_ipympl_figures_drawn(page)
    page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    screenshot(page, "lab-3-figure")

    posture = move_explorer_sliders(page, ("hip", "knee", "ankle", "neck"))
    solution = nd.solve(posture)
    readout = page.locator("table.nd-readout")
    for site in ("hip", "thigh", "ankle"):
        row = readout.locator("tr", has=page.locator("td", has_text=re.compile(f"^{site}$")))
        expect(row).to_contain_text(f"{solution.strain(site):.1f}")
        expect(row).to_contain_text(f"{solution.excursion(site):+.1f}")
    screenshot(page, "lab-4-explorer-moved")
    page.problems.assert_none()


SLIDER = ".widget-slider:has(.widget-label:text-matches('^{}', 'i'))"
CANVAS = ".jupyter-matplotlib-canvas-div canvas"


def canvas_pixels(page):
    """The explorer figure's pixels, as a data URL (the first ipympl canvas on the page)."""
    return page.eval_on_selector(CANVAS, "canvas => canvas.toDataURL()")


def move_explorer_sliders(page, joints):
    """Press ArrowRight once on each joint's slider; check its value and that the figure's pixels changed.

    Returns the posture the sliders then show (all five read back from the page).
    """
    for joint in joints:
        slider = page.locator(SLIDER.format(joint)).first
        readout = slider.locator(".widget-readout")
        before_value, before_pixels = int(readout.text_content()), canvas_pixels(page)
        slider.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        expect(readout).to_have_text(str(before_value + 1))
        page.wait_for_function("([sel, old]) => document.querySelector(sel).toDataURL() !== old",
                               arg=[CANVAS, before_pixels], timeout=10_000)
    angles = {field: int(page.locator(SLIDER.format(field.split("_")[0])).first.locator(".widget-readout")
                         .text_content()) for field in nd.model.posture.JOINTS}
    return nd.Posture(**angles)
