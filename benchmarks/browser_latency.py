"""Key press -> first changed pixels of the posture explorer in a real browser (Voila and JupyterLab); prints JSON.

    python benchmarks/browser_latency.py [--presses 30] [--timeout-s 5]

Starts JupyterLab and Voila on 127.0.0.1 (tools/servers.py) serving a temporary copy of notebooks/ plus a generated
naive notebook: an ``ipywidgets.interact`` over the same five joint sliders that re-plots a fresh 3-panel inline
figure each move. The system Chromium (viewport 1280x900) opens, in turn:
  - Voila: the workshop dashboard (its first hip slider and its live picture are the presenter-size posture
    explorer's), lesson 00 (its explorer is the first slider labelled hip) and the naive notebook;
  - JupyterLab: lesson 00 (outputs cleared, Run All) and the naive notebook (Run All).
For each, the hip slider handle gets the focus and is pressed ArrowRight / ArrowLeft in turn. Timing is done in the
page: a keydown listener (capture phase) records performance.now(), and a requestAnimationFrame loop compares a
fingerprint of the figure (a hash of the canvas's pixels; the inline figure's image data URL, once loaded) until it
first differs (pixels are hashed again only after a 2D drawing call), so the figure a student sees is timed,
not Playwright's round trips; the resolution is one animation frame (frame_ms). Before each press the figure must
have been still for a short while. The first press after loading (ArrowLeft) is a warm-up, reported apart as
first_press_ms; then --presses alternate ArrowRight / ArrowLeft. A press that changes nothing in --timeout-s counts
as a timeout.
Targets (issue 24): p50 <= 50 ms in Voila for the workshop's presenter-size explorer and the lesson explorer,
p50 <= 60 ms in JupyterLab for the lesson explorer, and faster than the naive interact in both servers.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
import numpy as np
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.servers import copy_notebooks, launch_chromium, voila_and_lab  # noqa: E402

DASHBOARD = "workshop_dashboard.ipynb"
LESSON = "00_start_here.ipynb"
NAIVE = "naive_interact.ipynb"
HIP_HANDLE = ".widget-slider:has(.widget-label:text-matches('^hip', 'i')) .noUi-handle"
KERNEL_IDLE = re.compile(r"^Python 3 \(ipykernel\) \| Idle$")
VIEWPORT = {"width": 1280, "height": 900}
LOAD_TIMEOUT_MS = 180_000
QUIET_MS = 250  # the figure must be this still before a press

NAIVE_SOURCE = '''\
%matplotlib inline
import ipywidgets as W
import matplotlib.pyplot as plt

import neurodynamics as nd
from neurodynamics.model.posture import RANGES_DEG
from neurodynamics.interface.explorers import SLIDER_LABELS


def replot(**angles):
    """What a first interact does: solve, then build and show a brand-new figure on every move."""
    posture = nd.Posture(**angles)
    solution = nd.solve(posture)
    profile = solution.profile()
    fig, (strain, tension, bars) = plt.subplots(1, 3, figsize=(8.2, 4.6))
    strain.plot(profile.arc_length_mm, profile.strain_pct)
    strain.set(title="strain", xlabel="along the tract (mm)", ylabel="strain (%)")
    tension.plot(profile.arc_length_mm, profile.tension_n)
    tension.set(title="tension", xlabel="along the tract (mm)", ylabel="tension (N)")
    bars.bar(["nerve", "hamstring"], [solution.strain("thigh"), nd.hamstring_stretch(posture)])
    bars.set(title="strain and hamstring stretch", ylabel="%")
    fig.tight_layout()
    plt.show()


sliders = {joint: W.IntSlider(value=70 if joint == "hip_flexion" else 0, min=low, max=high, step=1,
                              description=SLIDER_LABELS[joint], style={"description_width": "initial"})
           for joint, (low, high) in RANGES_DEG.items()}
_ = W.interact(replot, **sliders)
'''

# Installs window.ndFingerprint / ndSettle / ndArm for the figure next to the first hip slider; true once drawn.
INSTALL_JS = r"""
kind => {
  const slider = [...document.querySelectorAll('.widget-slider')]
    .find(s => /^hip/i.test((s.querySelector('.widget-label')?.textContent ?? '').trim()));
  const sel = kind === 'canvas' ? 'canvas.nd-live' : '.widget-output img';
  let box = slider;
  while (box && !box.querySelector(sel)) box = box.parentElement;  // the widget holding slider and figure
  if (!box) return false;
  // every live picture on the page got its picture (the explorer's own canvas, found above, is one of them; the
  // naive notebook has none, so an empty list is fine only there)
  const canvases = [...document.querySelectorAll('canvas.nd-live')];
  if (kind === 'canvas' && canvases.length === 0) return false;
  if (!canvases.every(c => c.width > 0 && c.height > 0)) return false;
  if (!window.ndDraws) {  // count 2D drawing calls, so that pixels are hashed again only after one
    window.ndDraws = 1;
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of ['drawImage', 'putImageData', 'clearRect', 'fillRect']) {
      const original = proto[name];
      proto[name] = function (...args) { window.ndDraws++; return original.apply(this, args); };
    }
  }
  let cached = {key: null, print: null};
  window.ndFingerprint = () => {
    const figure = box.querySelector(sel);
    if (kind !== 'canvas') return figure && figure.complete && figure.naturalWidth > 0 ? figure.src : null;
    if (!figure.width || !figure.height) return null;
    const key = `${window.ndDraws}:${figure.width}x${figure.height}`;
    if (key === cached.key) return cached.print;
    const pixels = new Uint32Array(
      figure.getContext('2d').getImageData(0, 0, figure.width, figure.height).data.buffer);
    let hash = 2166136261, any = 0;
    for (let i = 0; i < pixels.length; i++) { hash = Math.imul(hash ^ pixels[i], 16777619); any |= pixels[i]; }
    // all transparent: not drawn yet
    cached = {key, print: any ? `${figure.width}x${figure.height}:${hash >>> 0}` : null};
    return cached.print;
  };
  // Resolves true once the figure has been drawn and unchanged for quietMs (false after timeoutMs).
  window.ndSettle = (quietMs, timeoutMs) => new Promise(resolve => {
    const start = performance.now();
    let last = ndFingerprint(), since = start;
    const tick = () => {
      const now = performance.now(), print = ndFingerprint();
      if (print !== last) { last = print; since = now; }
      if (print !== null && now - since >= quietMs) return resolve(true);
      if (now - start > timeoutMs) return resolve(false);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Arms one measurement: window.ndPending resolves to ms from the next keydown to changed pixels (null: timeout).
  window.ndArm = timeoutMs => {
    const base = ndFingerprint(), armed = performance.now();
    let t0 = null;
    const onKey = () => { if (t0 === null) t0 = performance.now(); };
    window.addEventListener('keydown', onKey, true);
    window.ndPending = new Promise(resolve => {
      const done = value => { window.removeEventListener('keydown', onKey, true); resolve(value); };
      const tick = () => {
        const now = performance.now();
        if (t0 !== null) {
          const print = ndFingerprint();
          if (print !== null && print !== base) return done(now - t0);
        }
        if (now - (t0 ?? armed) > timeoutMs) return done(null);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  };
  // Median interval between animation frames over n frames: the resolution of these timings.
  window.ndFrameMs = n => new Promise(resolve => {
    const stamps = [];
    const tick = t => { stamps.push(t); if (stamps.length > n) {
      const gaps = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
      resolve(gaps[gaps.length >> 1]); } else requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  return ndFingerprint() !== null;
}
"""


def write_naive_notebook(folder: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Naive explorer: `interact` re-plots a new figure on every move"),
        nbformat.v4.new_code_cell(NAIVE_SOURCE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, folder / NAIVE)


def wait_for_figure(page, kind: str) -> None:
    """Wait until the figure beside the first hip slider is drawn and still; install the timing helpers."""
    page.wait_for_function(INSTALL_JS, arg=kind, timeout=LOAD_TIMEOUT_MS, polling=200)
    if not page.evaluate("q => ndSettle(q, 30000)", QUIET_MS):
        raise RuntimeError("the figure never stood still")


def press_once(page, key: str, timeout_ms: int) -> float | None:
    """Press `key` on the hip slider; ms from keydown to changed pixels, or None on a timeout."""
    page.evaluate("([q, t]) => ndSettle(q, t)", [QUIET_MS, timeout_ms])
    page.locator(HIP_HANDLE).first.focus()
    page.evaluate("t => ndArm(t)", timeout_ms)
    page.keyboard.press(key)
    return page.evaluate("() => ndPending")


def time_presses(page, kind: str, presses: int, timeout_s: float) -> dict:
    wait_for_figure(page, kind)
    first = press_once(page, "ArrowLeft", int(timeout_s * 1000))  # a warm-up press, reported apart
    times, timeouts = [], 0
    for index in range(presses):
        ms = press_once(page, "ArrowRight" if index % 2 == 0 else "ArrowLeft", int(timeout_s * 1000))
        if ms is None:
            timeouts += 1
        else:
            times.append(ms)
    return {**stats(times), "presses": presses, "timeouts": timeouts,
            "first_press_ms": None if first is None else round(first, 1),
            "frame_ms": round(page.evaluate("n => ndFrameMs(n)", 30), 1)}


def stats(times: list[float]) -> dict[str, float | None]:
    if not times:
        return {"p50_ms": None, "p95_ms": None}
    return {"p50_ms": round(float(np.median(times)), 1), "p95_ms": round(float(np.percentile(times, 95)), 1)}


def menu_command(page, menu: str, command: str) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items, by its command id."""
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


def open_in_lab(page, lab, name: str) -> None:
    """Open a notebook in JupyterLab, clear its stored outputs and Run All, as a student does."""
    # reset: a fresh workspace, so that no notebook opened before comes back and takes the focus
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}", timeout=LOAD_TIMEOUT_MS)
    kernel_idle = page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)
    kernel_idle.wait_for(timeout=LOAD_TIMEOUT_MS)
    menu_command(page, "Edit", "editmenu:clear-all")
    menu_command(page, "Run", "runmenu:run-all")


def new_page(browser):
    """A page in a fresh context at VIEWPORT, each step allowed 60 s; (context, page)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    return context, context.new_page()


def measure(browser, url: str, kind: str, args, lab=None) -> dict:
    context, page = new_page(browser)
    try:
        if lab is None:
            page.goto(url, timeout=LOAD_TIMEOUT_MS)
        else:
            open_in_lab(page, lab, url)
        result = time_presses(page, kind, args.presses, args.timeout_s)
        result["load_average_1min_after"] = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
        return result
    finally:
        context.close()


def speedup(explorer: dict, naive: dict) -> float | None:
    if explorer["p50_ms"] is None or naive["p50_ms"] is None:
        return None
    return round(naive["p50_ms"] / explorer["p50_ms"], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30, help="presses per explorer (>= 20)")
    parser.add_argument("--timeout-s", type=float, default=5.0, help="a press that changes nothing this long times out")
    args = parser.parse_args()

    results: dict[str, dict] = {}
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="nd-browser-latency-") as temp:
        served = copy_notebooks(Path(temp))
        write_naive_notebook(served)
        with voila_and_lab(served, Path(temp)) as (voila, lab), sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                naive = measure(browser, f"{voila.url}/voila/render/{NAIVE}", "img", args)
                results["voila_workshop_presenter"] = {
                    "explorer": measure(browser, f"{voila.url}/voila/render/{DASHBOARD}", "canvas", args),
                    "naive_interact": naive}
                results["voila_lesson"] = {
                    "explorer": measure(browser, f"{voila.url}/voila/render/{LESSON}", "canvas", args),
                    "naive_interact": naive}
                results["jupyterlab_lesson"] = {
                    "explorer": measure(browser, LESSON, "canvas", args, lab=lab),
                    "naive_interact": measure(browser, NAIVE, "img", args, lab=lab)}
            finally:
                browser.close()

    targets = {"voila_workshop_presenter": 50, "voila_lesson": 50, "jupyterlab_lesson": 60}
    for where, result in results.items():
        result["speedup_vs_naive_p50"] = speedup(result["explorer"], result["naive_interact"])
        p50 = result["explorer"]["p50_ms"]
        result["target_met"] = (p50 is not None and p50 <= targets[where]
                                and (result["speedup_vs_naive_p50"] or 0) > 1)
    print(json.dumps({
        "benchmark": "key press on the hip slider -> first changed pixels of the figure, timed in Chromium",
        "viewport": [VIEWPORT["width"], VIEWPORT["height"]],
        "load_average_1min_before": load_before,  # other work on the machine slows every number below
        **results,
        "targets": {**{f"{where}_p50_ms": ms for where, ms in targets.items()}, "faster_than_naive": True},
    }, indent=2))


if __name__ == "__main__":
    main()
