"""The workshop dashboard in Voila: no code, the posture explorer first, a preset moves every slider and the
figure, and the page's kernel is culled after the page closes."""
import re

from playwright.sync_api import expect

from tools.jupyterlab_page import DASHBOARD, HIP_SLIDER, SLIDER, close_and_wait_for_cull, picture_changes


def test_dashboard_preset_moves_sliders_and_figure(page, voila_server, screenshot, assert_live_pictures_drawn):
    page.goto(f"{voila_server.url}/voila/render/{DASHBOARD}", timeout=120_000)
    expect(page.locator(HIP_SLIDER).first).to_be_visible(timeout=90_000)
    assert_live_pictures_drawn(page)
    expect(page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-InputArea-editor:visible")).to_have_count(0)
    screenshot(page, "voila-dashboard-1")

    with picture_changes(page):
        page.get_by_role("button", name="slump sitting", exact=True).first.click()
        preset = {"hip": 90, "knee": 10, "ankle": 10, "neck": 50, "trunk": 40}
        for joint, value in preset.items():
            expect(page.locator(SLIDER.format(joint)).first.locator(".widget-readout")).to_have_text(str(value))
    screenshot(page, "voila-dashboard-2-slump")
    page.problems.assert_none()

    close_and_wait_for_cull(page, voila_server)


def test_presets_match_the_package():
    """The preset the test clicks is the package's documented one."""
    from neurodynamics.interface import explorers

    slump = explorers.PRESETS["slump sitting"][0]
    assert (slump.hip_flexion, slump.knee_flexion, slump.ankle_dorsiflexion, slump.neck_flexion,
            slump.trunk_flexion) == (90, 10, 10, 50, 40)
    assert re.match("^hip", explorers.SLIDER_LABELS["hip_flexion"])
