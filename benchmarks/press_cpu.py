"""Where a slider press spends CPU: Chromium, the kernel and the server, with the picture and without; prints JSON.

    python benchmarks/press_cpu.py [--presses 40] [--gap-s 0.25]

Explains what limits benchmarks/browser_latency.py and benchmarks/class_load.py, where the browser runs on the same
machine as the server. Starts Voila and JupyterLab on 127.0.0.1 (tools/servers.py) serving a temporary copy of
notebooks/ and opens, in the system Chromium (1280 x 900), the workshop dashboard in Voila and lesson 00 in
JupyterLab (Run All), as browser_latency.py does. Its hip slider is then pressed --presses times (ArrowRight and
ArrowLeft in turn, --gap-s apart, nothing timed in the page) and the CPU time (user + system) of every process is
read with psutil before and after: Chromium's processes, the kernel, the server. Per press, with the CPU of the
same pages left idle as long subtracted. In the same run:
  - no picture: the same page, but the posture explorer's update does nothing (a first cell replaces it), so the
    press costs only the slider, its messages and the kernel's reply: the picture's cost is the difference;
  - js_self_ms: Chromium's JavaScript profiler (CDP, 0.1 ms sampling) over the same presses, the functions that
    took most of the page's main thread, per press (native calls such as ``toDataURL`` are listed by name).
In class_load.py twenty pages of one Chromium share the 2 cores with the server and the kernels, so every
millisecond here is spent twenty times over when a class presses at once.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from browser_latency import DASHBOARD, HIP_HANDLE, LESSON, new_page, open_in_lab, wait_for_figure  # noqa: E402
from tools.servers import copy_notebooks, launch_chromium, voila_and_lab  # noqa: E402

NO_PICTURE = "no_picture.ipynb"
#: First cell of the "no picture" copies: the posture explorer keeps its sliders but its update does nothing.
NO_PICTURE_CELL = ("from neurodynamics.interface import explorers\n"
                   "explorers.PostureExplorer._guarded = lambda self, change, later=False: None")
SAMPLING_US = 100


def write_no_picture(folder: Path, name: str) -> str:
    """A copy of notebook ``name`` whose posture explorer draws nothing on a move; returns its file name."""
    notebook = nbformat.read(folder / name, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(NO_PICTURE_CELL))
    copy = f"{Path(name).stem}_{NO_PICTURE}"
    nbformat.write(notebook, folder / copy)
    return copy


def cpu_by_process(root: psutil.Process) -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) used so far by each of root's descendants that is Chromium, a kernel or a
    Jupyter server: pid -> (group, seconds)."""
    found = {}
    for process in root.children(recursive=True):
        try:
            times, command = process.cpu_times(), " ".join(process.cmdline())
        except psutil.Error:
            continue
        if "ipykernel" in command:
            group = "kernel"
        elif "voila" in command or "jupyterlab" in command:
            group = "server"
        elif "chrom" in command or "headless_shell" in command:
            group = "chromium"
        else:
            continue
        found[process.pid] = (group, times.user + times.system)
    return found


def cpu_used(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds each group used between two readings, process by process (a process that ended in between, such
    as a culled kernel, is left out; one that started counts from zero)."""
    used = {"chromium": 0.0, "kernel": 0.0, "server": 0.0}
    for pid, (group, seconds) in after.items():
        used[group] += seconds - before.get(pid, (group, 0.0))[1]
    return used


def js_self_ms(profile: dict, presses: int, top: int = 8) -> dict[str, float]:
    """The functions with the most self time in a CDP CPU profile, ms per press (idle and GC left out)."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    spent: collections.Counter = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"][1:] + [0]):
        frame = nodes[sample]
        name = frame["functionName"] or "(anonymous)"
        if name in ("(idle)", "(root)"):
            continue
        spent[f"{name} {Path(frame['url']).name.split('?')[0]}".strip()] += delta
    return {name: round(us / 1000 / presses, 2) for name, us in spent.most_common(top)}


def measure(browser, open_page, args) -> dict:
    """Open a page, press its hip slider; CPU ms per press by group (idle subtracted) and the JS profile."""
    context, page = new_page(browser)
    try:
        open_page(page)
        wait_for_figure(page, "canvas")
        handle = page.locator(HIP_HANDLE).first
        handle.focus()
        page.keyboard.press("ArrowLeft")  # warm-up
        time.sleep(1.0)
        me = psutil.Process()

        def run(press: bool, profile: bool = False) -> tuple[dict[str, float], dict | None]:
            session = context.new_cdp_session(page) if profile else None
            if session:
                session.send("Profiler.enable")
                session.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
                session.send("Profiler.start")
            before = cpu_by_process(me)
            for index in range(args.presses):
                if press:
                    page.keyboard.press("ArrowRight" if index % 2 == 0 else "ArrowLeft")
                time.sleep(args.gap_s)
            used = cpu_used(before, cpu_by_process(me))
            result = session.send("Profiler.stop")["profile"] if session else None
            return used, result

        idle, _ = run(press=False)
        pressed, _ = run(press=True)
        _, profile = run(press=True, profile=True)
        per_press = {group: round((pressed[group] - idle[group]) / args.presses * 1000, 1) for group in pressed}
        per_press["total"] = round(sum(per_press.values()), 1)
        return {"cpu_ms_per_press": per_press, "js_self_ms_per_press": js_self_ms(profile, args.presses)}
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--gap-s", type=float, default=0.25, help="time between presses (s)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="nd-press-cpu-") as temp:
        served = copy_notebooks(Path(temp))
        plain = {"voila": DASHBOARD, "jupyterlab": LESSON}
        bare = {where: write_no_picture(served, name) for where, name in plain.items()}
        with voila_and_lab(served, Path(temp)) as (voila, lab), sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for where in ("voila", "jupyterlab"):
                    results[where] = {}
                    for kind, names in (("with_picture", plain), ("no_picture", bare)):
                        name = names[where]
                        if where == "voila":
                            def open_page(page, name=name):
                                page.goto(f"{voila.url}/voila/render/{name}", timeout=180_000)
                        else:
                            def open_page(page, name=name):
                                open_in_lab(page, lab, name)
                        results[where][kind] = measure(browser, open_page, args)
                    with_picture, no_picture = (results[where][kind]["cpu_ms_per_press"]
                                                for kind in ("with_picture", "no_picture"))
                    results[where]["picture_cpu_ms_per_press"] = {
                        group: round(with_picture[group] - no_picture[group], 1) for group in with_picture}
            finally:
                browser.close()
    print(json.dumps({
        "benchmark": "CPU per press on the posture explorer's hip slider, by process, with and without the picture",
        "presses": args.presses, "gap_s": args.gap_s,
        "load_average_1min_before": load_before,
        "cpus": os.cpu_count(),
        **results,
    }, indent=2))


if __name__ == "__main__":
    main()
