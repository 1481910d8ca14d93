"""What a student does in a notebook page, for the browser tests (Playwright): JupyterLab's menu and Run All, a
joint's slider and the live picture it moves (in JupyterLab and in Voila), logging in to a hub, leaving a Voila page.

The one page helper module of tests/browser/; a developer module (Playwright only); the package never imports it.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page, expect

KERNEL_IDLE = re.compile(r"^Python 3 \(ipykernel\) \| Idle$")  # the status bar's kernel item, once connected
CODE_PROMPTS = ".jp-CodeCell .jp-InputArea-prompt"
SLIDER = ".widget-slider:has(.widget-label:text-matches('^{}', 'i'))"  # a joint's slider: its label starts so
HIP_SLIDER = SLIDER.format("hip")
CANVAS = "canvas.nd-live"  # a live picture (neurodynamics.interface.live); the first on a page is the explorer's
DASHBOARD = "workshop_dashboard.ipynb"
CULL_WAIT_S = 120  # Voila culls kernels idle for 20 s, checking every 5 s (tools/servers.py); slack for a busy machine


def canvas_pixels(page: Page) -> str:
    """The first live picture's pixels, as a data URL."""
    return page.eval_on_selector(CANVAS, "canvas => canvas.toDataURL()")


@contextmanager
def picture_changes(page: Page, timeout_ms: int = 10_000) -> Iterator[None]:
    """Fail unless the first live picture's pixels, after the block, differ from what they were before it."""
    before = canvas_pixels(page)
    yield
    page.wait_for_function("([sel, old]) => document.querySelector(sel).toDataURL() !== old",
                           arg=[CANVAS, before], timeout=timeout_ms)


def slider_value(page: Page, joint: str) -> int:
    """The value (degrees) a joint's first slider on the page shows."""
    return int(page.locator(SLIDER.format(joint)).first.locator(".widget-readout").text_content())


def press_slider(page: Page, joint: str, timeout_ms: int = 10_000) -> int:
    """ArrowRight on a joint's first slider: its value goes up by one and the picture changes. Returns the value."""
    slider = page.locator(SLIDER.format(joint)).first
    value = slider_value(page, joint) + 1
    with picture_changes(page, timeout_ms):
        slider.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        expect(slider.locator(".widget-readout")).to_have_text(str(value))
    return value


def log_in_to_hub(page: Page, hub_url: str, name: str, password: str) -> None:
    """Log in through the hub's login page; the hub starts the user's server (a progress page), then JupyterLab."""
    page.goto(f"{hub_url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{name}/lab"), timeout=180_000)


def close_and_wait_for_cull(page: Page, server) -> None:
    """Close a Voila page and wait until Voila has culled the kernel that served it (`server`: tools.servers.Server)."""
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    assert server.kernel_running(kernel_id)
    page.close()
    deadline = time.monotonic() + CULL_WAIT_S
    while server.kernel_running(kernel_id):
        assert time.monotonic() < deadline, f"Voila did not cull the kernel of a closed page in {CULL_WAIT_S} s"
        time.sleep(1)


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
