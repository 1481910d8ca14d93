"""The first lesson runs from top to bottom in JupyterLab, as a student runs it: Run > Run All Cells; then its
posture explorer answers the keyboard: each arrow press moves a slider, redraws the figure and updates the readout
and the sentence under the figure to the model's values for the new posture. JupyterLab asks nothing about news
(the venv's settings overrides), and a lesson stored by tools/execute.py opens unmodified."""
import json
import re
import urllib.request

from playwright.sync_api import expect

import neurodynamics as nd
from neurodynamics.interface import sentences
from neurodynamics.interface.style import SITE_LABELS
from tools.jupyterlab_page import CANVAS, SLIDER, kernel_idle, press_slider, run_all_cells, slider_value

__all__ = ["CANVAS", "SLIDER"]  # still imported from here by test_drag.py and test_viewport.py (not yet moved over)
NEWS_SETTINGS = "@jupyterlab/apputils-extension:notification"


def test_lesson_runs_in_jupyterlab(page, jupyterlab_server, lesson, screenshot, assert_images_loaded,
                                   assert_live_pictures_drawn):
    server = jupyterlab_server
    with urllib.request.urlopen(f"{server.url}/lab/api/settings/{NEWS_SETTINGS}?token={server.token}",
                                timeout=30) as response:
        news = json.load(response)
    # JupyterLab 4 sends no "composite": the front end makes it from the schema's defaults (where the overrides go)
    # and the user's settings
    composite = {name: spec.get("default") for name, spec in news["schema"]["properties"].items()}
    composite.update(news.get("composite") or news.get("settings") or {})
    assert composite["fetchNews"] == "false", news  # never asks "get notified about official Jupyter news?"
    assert composite["checkForUpdates"] is False, news
    assert "fetchNews" not in (news.get("raw") or ""), "from the venv's overrides, not from user settings"
    page.goto(f"{server.url}/lab/tree/{lesson.name}?token={server.token}")
    expect(kernel_idle(page)).to_be_visible(timeout=90_000)
    screenshot(page, "lab-1-opened")
    run_all_cells(page)
    screenshot(page, "lab-2-ran-all-cells")
    assert_images_loaded(page, ".jp-OutputArea-output img")
    assert_live_pictures_drawn(page)
    page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    screenshot(page, "lab-3-figure")

    for joint in ("hip", "knee", "ankle", "neck"):
        press_slider(page, joint)
    posture = nd.Posture(**{field: slider_value(page, field.split("_")[0]) for field in nd.model.posture.JOINTS})
    solution = nd.solve(posture)
    readout = page.locator("table.nd-readout")
    for site in ("hip", "thigh", "ankle"):
        row = readout.locator("tr", has=page.locator("td", has_text=re.compile(f"^{site}$")))
        expect(row).to_contain_text(f"{solution.strain(site):.1f}")
        expect(row).to_contain_text(f"{solution.excursion(site):+.1f}")
    sentence = page.locator(".jp-OutputArea-output [aria-live='polite']").first
    site = sentences.most_strained_site(solution)
    expected = sentences.posture_sentence(solution)
    assert f"strain at the {SITE_LABELS[site]} {solution.strain(site):.1f} %" in expected  # as the readout shows
    expect(sentence).to_have_text(expected)
    screenshot(page, "lab-4-explorer-moved")
    page.problems.assert_none()


DIRTY_TAB = ".lm-TabBar-tab.jp-mod-dirty"


def test_a_lesson_stored_by_the_execute_tool_opens_unmodified(page, jupyterlab_server, notebooks_copy, lesson):
    """JupyterLab writes the kernel's kernelspec and language_info into a notebook as its kernel starts; a lesson
    stored as tools/execute.py stores it (both exactly as the installed kernel reports them) is not marked modified.
    The same lesson with language_info lacking the Python version is (so the check can fail): by the time the kernel
    shows idle, JupyterLab has written the kernel's language_info."""
    import nbformat

    from tools.execute import installed_kernelspec, installed_language_info, normalise

    server = jupyterlab_server
    notebook = nbformat.read(lesson.path, as_version=4)
    stored = normalise(nbformat.from_dict(notebook), lesson.name, installed_kernelspec(), installed_language_info())
    nbformat.write(stored, notebooks_copy / "as_stored.ipynb")
    versionless = normalise(nbformat.from_dict(notebook), lesson.name, installed_kernelspec())
    nbformat.write(versionless, notebooks_copy / "versionless.ipynb")
    for name, modified in (("versionless.ipynb", 1), ("as_stored.ipynb", 0)):
        # a workspace of its own: no other notebook reopens in the page
        page.goto(f"{server.url}/lab/workspaces/{name.split('.')[0]}/tree/{name}?token={server.token}")
        expect(kernel_idle(page)).to_be_visible(timeout=90_000)
        expect(page.locator(".lm-TabBar-tab", has_text=name)).to_have_count(1)
        expect(page.locator(DIRTY_TAB)).to_have_count(modified)
