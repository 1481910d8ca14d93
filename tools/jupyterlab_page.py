"""What a student does in a JupyterLab page, for the browser tests (Playwright): the menu, Run All, the explorer.

A developer module (Playwright only); the package never imports it.
"""
from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

KERNEL_IDLE = re.compile(r"^Python 3 \(ipykernel\) \| Idle$")  # the status bar's kernel item, once connected
CODE_PROMPTS = ".jp-CodeCell .jp-InputArea-prompt"
HIP_SLIDER = ".widget-slider:has(.widget-label:text-matches('^hip', 'i'))"
CANVAS = "canvas.nd-live"  # the live picture (neurodynamics.interface.live)


def menu_command(page: Page, menu: str, command: str) -> None:
    """Click a menu of the menu bar, then one of its items, by its JupyterLab command id."""
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def kernel_idle(page: Page) -> Locator:
    """The status bar's kernel item once the notebook's kernel is connected and idle."""
    return page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)


def run_all_cells(page: Page, timeout_ms: int = 120_000) -> int:
    """Clear the open notebook's stored outputs, Run > Run All Cells, and wait until every code cell has run and the
    kernel is idle again; fail naming the error outputs if Run All stopped early. Returns the number of code cells.
    """
    menu_command(page, "Edit", "editmenu:clear-all")  # what the checks see is then made by this run
    expect(page.locator(".jp-OutputArea-output")).to_have_count(0)
    prompts = page.locator(CODE_PROMPTS)
    code_cells = prompts.count()
    assert code_cells > 0, "the notebook shows no code cell"
    menu_command(page, "Run", "runmenu:run-all")
    try:
        for index in range(code_cells):  # every code cell gets an execution count: [1]:, [2]:, ...
            expect(prompts.nth(index)).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=timeout_ms)
    except AssertionError as failure:  # Run All stops at a cell that raised: say which error
        outputs = page.locator(".jp-OutputArea-output", has_text=re.compile("Traceback|Error")).all_inner_texts()
        raise AssertionError(f"Run All did not run all {code_cells} code cells; "
                             f"error outputs: {[text[-1500:] for text in outputs]}") from failure
    expect(kernel_idle(page)).to_be_visible(timeout=timeout_ms)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                          has_text=re.compile("Traceback|Error"))
    expect(errors).to_have_count(0)
    expect(page.locator(".jp-RenderedText", has_text="Traceback")).to_have_count(0)
    return code_cells


def open_file_browser(page: Page) -> float:
    """Open JupyterLab's file browser in the left sidebar if it is closed; returns its width (CSS px)."""
    browser = page.locator("#filebrowser")
    if not browser.is_visible():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
    expect(browser).to_be_visible()
    return float(browser.evaluate("element => element.getBoundingClientRect().width"))
