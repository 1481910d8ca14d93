"""A class on one Voila server: 20 dashboard sessions at once, each renders and answers a slider move; prints JSON.

    python benchmarks/class_load.py [--sessions 20] [--wave 5] [--rounds 3] [--timeout-min 15]

Loopback only and bounded: one Voila server on 127.0.0.1 (tools/servers.py) with the culling flags
``--MappingKernelManager.cull_idle_timeout=20 --MappingKernelManager.cull_interval=5`` serves a temporary copy of
notebooks/; one system Chromium (host names other than localhost do not resolve) opens the workshop dashboard in
--sessions pages, each in its own context (own cookies, own kernel). Pages open --wave at a time, the next wave once
the last one rendered, and all stay open until the end. Why waves: Voila runs the notebook before the page's
scripts connect to the kernel, and culling does not wait for that connection. With the browser on the same 2 cores,
10 or 20 pages at once took more than 20 s from executed notebook to connected page, so most kernels were culled
first and those pages never showed a widget; 5 at a time all connect. Reported:
  - render: from the page's navigation start until the posture explorer's figure is drawn (timed in the page);
    a session not drawn within RENDER_TIMEOUT_S is counted in sessions_not_rendered and closed;
  - slider response, timed in the page from keydown to the figure's first changed pixels (as in
    browser_latency.py; over 30 s counts as a timeout): "together", --rounds rounds in which every session presses
    an arrow key on its hip slider at the same moment (ArrowRight, then ArrowLeft, ...); "one_at_a_time", each
    session once in turn while the others stay open and idle;
  - memory per kernel (RSS and USS of the Voila process's children run by ipykernel_launcher) with all sessions open;
  - after every page closes: the seconds until no kernel process remains (Voila culls idle kernels).
Chromium shares the machine with the server: in a class every student's browser has a computer of its own, so these
times are pessimistic. Everything runs under one deadline (--timeout-min); the server and its kernels are stopped
at the end in any case.
Targets: every session renders and answers, and all kernels are gone after the sessions close and culling runs
(issue 7); all pressing together, slider response p50 <= 250 ms and p95 <= 600 ms (issue 12, reported as
together_target_met; benchmarks/press_cpu.py shows how much of it is Chromium's own work on the same cores).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_latency import DASHBOARD, HIP_HANDLE, INSTALL_JS, QUIET_MS, VIEWPORT, stats  # noqa: E402
from tools.servers import copy_notebooks, launch_chromium, start_voila, stop_process, wait_until  # noqa: E402

LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]
# Every student's page is in front on their own screen: no throttling of pages Chromium thinks are in the back.
NO_THROTTLING = ["--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows"]
RESPONSE_TIMEOUT_MS = 30_000
RENDER_TIMEOUT_S = 180  # a session whose explorer is not drawn by then failed
TOGETHER_TARGETS_MS = {"p50_ms": 250, "p95_ms": 600}  # issue 12: every session pressing at once
# In each page from its start: record when the explorer's figure is first drawn (ms since navigation start).
RENDER_WATCH_JS = f"""
const ndInstall = {INSTALL_JS};
const ndWatch = () => {{
  if (document.body && ndInstall('canvas')) window.ndRenderedMs = performance.now();
  else setTimeout(ndWatch, 25);
}};
ndWatch();
"""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left_s(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the benchmark ran out of time (--timeout-min)")
        return left

    def left_ms(self) -> int:
        return int(1000 * self.left_s())


def open_sessions(browser, url: str, count: int, deadline: Deadline) -> tuple[list, int]:
    """Open `count` pages at once (one context each); wait until each shows its explorer's figure.

    Returns the pages that did, and how many did not within RENDER_TIMEOUT_S (those are closed).
    """
    pages = []
    for _ in range(count):
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(RENDER_WATCH_JS)
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=deadline.left_ms())
        pages.append(page)
    wave_end = time.monotonic() + RENDER_TIMEOUT_S
    rendered = []
    for page in pages:
        try:
            page.wait_for_function("() => window.ndRenderedMs !== undefined", polling=250,
                                   timeout=min(deadline.left_ms(), max(1, int(1000 * (wave_end - time.monotonic())))))
            rendered.append(page)
        except PlaywrightTimeoutError:
            page.context.close()
    return rendered, len(pages) - len(rendered)


def press_all(pages: list, key: str, deadline: Deadline) -> list[float | None]:
    """Every session presses `key` on its hip slider at (nearly) the same moment; ms to changed pixels each."""
    for page in pages:
        page.evaluate("([q, t]) => ndSettle(q, t)", [QUIET_MS, min(RESPONSE_TIMEOUT_MS, deadline.left_ms())])
        page.locator(HIP_HANDLE).first.focus()
        page.evaluate("t => ndArm(t)", RESPONSE_TIMEOUT_MS)
    for page in pages:
        page.keyboard.press(key)
    deadline.left_s()
    return [page.evaluate("() => ndPending") for page in pages]


def responses(times: list[float | None]) -> dict:
    answered = [ms for ms in times if ms is not None]
    return {**stats(answered), "max_ms": round(max(answered), 1) if answered else None,
            "presses": len(times), "timeouts": len(times) - len(answered)}


def target_met(response: dict) -> bool:
    """Whether presses made together met issue 12's targets (TOGETHER_TARGETS_MS), with no timeout."""
    return (response["timeouts"] == 0 and response["p50_ms"] is not None
            and all(response[key] <= limit for key, limit in TOGETHER_TARGETS_MS.items()))


def kernel_memory(server) -> dict:
    kernels = server.kernel_processes()
    rss = [k.memory_info().rss / 2**20 for k in kernels]
    uss = [k.memory_full_info().uss / 2**20 for k in kernels]
    return {"kernels": len(kernels),
            "rss_mb_median": round(float(np.median(rss)), 1) if rss else None,
            "rss_mb_max": round(max(rss), 1) if rss else None,
            "uss_mb_median": round(float(np.median(uss)), 1) if uss else None,
            "rss_mb_total": round(sum(rss), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--wave", type=int, default=5, help="pages opened at once")
    parser.add_argument("--rounds", type=int, default=3, help="rounds in which every session presses at once")
    parser.add_argument("--timeout-min", type=float, default=15.0, help="hard limit for the whole run")
    args = parser.parse_args()
    deadline = Deadline(60 * args.timeout_min)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None

    with tempfile.TemporaryDirectory(prefix="nd-class-load-") as temp:
        served = copy_notebooks(Path(temp))
        home = Path(temp) / "voila-home"
        home.mkdir()
        voila = start_voila(served, home)  # with the culling flags
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright, LOOPBACK_ONLY + NO_THROTTLING)
                try:
                    pages, failed = [], 0
                    for first in range(0, args.sessions, args.wave):
                        count = min(args.wave, args.sessions - first)
                        opened, missed = open_sessions(browser, f"{voila.url}/voila/render/{DASHBOARD}", count,
                                                       deadline)
                        pages, failed = pages + opened, failed + missed
                    render = [page.evaluate("() => ndRenderedMs") for page in pages]
                    together = []
                    for index in range(args.rounds):
                        together += press_all(pages, "ArrowRight" if index % 2 == 0 else "ArrowLeft", deadline)
                    one_at_a_time = [press_all([page], "ArrowLeft", deadline)[0] for page in pages]
                    memory = kernel_memory(voila)
                    frame_ms = pages[0].evaluate("n => ndFrameMs(n)", 30) if pages else None
                    for page in pages:
                        page.context.close()
                    closed = time.monotonic()
                    wait_until(lambda: not voila.kernel_processes(), deadline.left_s(), "culled kernels", 1.0)
                    cull_s = time.monotonic() - closed
                finally:
                    browser.close()
        finally:
            stop_process(voila.process)

    print(json.dumps({
        "benchmark": "workshop dashboard: concurrent Voila sessions in Chromium on one loopback server",
        "load_average_1min_before": load_before,  # other work on the machine slows every number below
        "sessions": args.sessions,
        "opened_per_wave": args.wave,
        "sessions_open_together": len(pages),
        "sessions_not_rendered": failed,
        "render": {**stats(render), "max_ms": round(max(render), 1) if render else None},
        "slider_response": {"together": responses(together), "one_at_a_time": responses(one_at_a_time),
                            "frame_ms": frame_ms and round(frame_ms, 1)},
        "memory_per_kernel": memory,
        "kernels_gone_after_close_s": round(cull_s, 1),
        "cull_settings": {"cull_idle_timeout_s": 20, "cull_interval_s": 5},
        "together_targets": TOGETHER_TARGETS_MS,
        "together_target_met": target_met(responses(together)),
    }, indent=2))



if __name__ == "__main__":
    main()
