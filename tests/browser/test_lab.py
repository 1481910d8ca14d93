"""The first lesson runs from top to bottom in JupyterLab, as a student runs it: Run > Run All Cells."""
import re

from playwright.sync_api import expect

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
    page.problems.assert_none()
