"""The first lesson as a Voila dashboard: text and figures without code, and its kernel ends after the page closes."""
from playwright.sync_api import expect

from tools.jupyterlab_page import close_and_wait_for_cull


def test_lesson_renders_in_voila_and_its_kernel_is_culled(page, voila_server, lesson, screenshot,
                                                           assert_images_loaded, assert_live_pictures_drawn):
    page.goto(f"{voila_server.url}/voila/render/{lesson.name}", timeout=120_000)
    expect(page.get_by_role("heading", name=lesson.heading)).to_be_visible()
    assert_images_loaded(page, ".jp-OutputArea-output img")
    assert_live_pictures_drawn(page)
    expect(page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-InputArea-editor:visible")).to_have_count(0)
    screenshot(page, "voila-1-rendered")
    page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    screenshot(page, "voila-2-figure")
    page.problems.assert_none()

    close_and_wait_for_cull(page, voila_server)
