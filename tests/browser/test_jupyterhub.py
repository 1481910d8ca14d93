"""A whole class on one server, for real: the README's JupyterHub advice works. A local JupyterHub (PyPI's
jupyterhub with npm's configurable-http-proxy, a shared-password authenticator and the local-process spawner, on
127.0.0.1 only; tools/hub.py) runs one JupyterLab per student from the environment where the lessons were installed
as the README says (this .venv), each on the student's own copy of the notebooks. Two students log in, each runs the
first lesson top to bottom (Run > Run All Cells) in their own JupyterLab and moves its hip slider with the
keyboard: each page's slider value and figure pixels change, and each student has a server and a kernel of their
own. No page loads anything from a host other than 127.0.0.1."""
import pytest
from playwright.sync_api import expect

from tools.jupyterlab_page import kernel_idle, log_in_to_hub, press_slider, run_all_cells

USERS = ("alice", "bob")
LESSON = "00_start_here.ipynb"


@pytest.fixture(scope="module")
def hub(start_local_hub):
    return start_local_hub(USERS)


def test_two_students_run_the_first_lesson_on_one_jupyterhub(hub, user_page, screenshot, assert_live_pictures_drawn):
    pages = {name: user_page() for name in USERS}  # a browser context each: own cookies
    try:
        for name, page in pages.items():
            log_in_to_hub(page, hub.url, name, hub.password)
        for name, page in pages.items():
            page.goto(f"{hub.url}/user/{name}/lab/tree/{LESSON}")
            expect(kernel_idle(page)).to_be_visible(timeout=120_000)
            run_all_cells(page)
            assert_live_pictures_drawn(page)
            screenshot(page, f"hub-{name}-ran-all-cells")
        # Both students' lessons are open and their kernels alive: each page answers its own slider.
        hips = {}
        for name, page in pages.items():
            hips[name] = press_slider(page, "hip", timeout_ms=30_000)
            screenshot(page, f"hub-{name}-hip-moved")
        assert len(set(hips.values())) == 1, hips  # same lesson, same start, one press

        servers = hub.singleuser_servers()
        assert sorted(servers) == sorted(USERS), f"single-user servers running: {sorted(servers)}"
        for name, server in servers.items():
            kernels = [p for p in server.children(recursive=True)
                       if any("ipykernel_launcher" in part for part in p.cmdline())]
            assert len(kernels) == 1, f"{name}'s server runs {len(kernels)} kernels"
            assert server.cwd() == str(hub.users_dir / name), f"{name}'s server runs in {server.cwd()}"
        for page in pages.values():
            page.problems.assert_none()
    except BaseException:
        print(f"JupyterHub log (tail):\n{hub.log_tail()}")
        raise
