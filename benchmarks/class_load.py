"""A class on one Voila server: one real Chromium page measured among 19 protocol-level students; prints JSON.

    python benchmarks/class_load.py [--students 19] [--rounds 3] [--drag-s 30] [--timeout-min 20]

A class is measured as a class is: every student's browser runs on the student's own laptop, so only the server
and the kernels share this 2-core machine. One Voila server on 127.0.0.1 (tools/servers.py, culling flags on)
serves a temporary copy of notebooks/; --students protocol-level clients (benchmarks/protocol_student.py) each open
the workshop dashboard (a kernel each) and send over the kernel websocket the widget messages a browser sends,
reading the pictures back without rendering them; one system Chromium page opens the same dashboard and is
measured. Scenarios:
  - press: --rounds rounds in which every student and the page press an arrow key on the hip slider at once; the
    page's time from keydown to the figure's first changed pixels (as in browser_latency.py), and each student's
    time from sending the move to receiving its picture;
  - drag: everyone drags the hip slider for --drag-s seconds (the page with the mouse, the students one update in
    flight at a time, about 60 positions a second); pictures a second for each, and the time from release until
    the final picture arrives (students) or is drawn (the page);
  - kernel memory (RSS, USS) per student with everyone connected; the 1-minute load average before and during.
Targets (issue 24): with 19 others pressing at once, the page p50 <= 250 ms and p95 <= 600 ms; with all 20
dragging, each at least 3 pictures a second and the final picture within 1 s of release (p95); kernel memory per
student <= 200 MB RSS. Each is printed with whether it was met.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_latency import DASHBOARD, HIP_HANDLE, INSTALL_JS, QUIET_MS, VIEWPORT, stats  # noqa: E402
from drag import COUNT_DRAWS_JS, Dragger, load_average  # noqa: E402
from protocol_student import ProtocolStudent  # noqa: E402
from tools.servers import copy_notebooks, launch_chromium, start_voila, stop_process  # noqa: E402

LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]
# Every student's page is in front on their own screen: no throttling of pages Chromium thinks are in the back.
NO_THROTTLING = ["--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows"]
RESPONSE_TIMEOUT_MS = 30_000
RENDER_TIMEOUT_S = 180  # a session whose explorer is not drawn by then failed
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


def open_page(browser, url: str, deadline: Deadline):
    """The measured student's page: opened, its explorer's figure drawn."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RENDER_WATCH_JS)
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=deadline.left_ms())
    page.wait_for_function("() => window.ndRenderedMs !== undefined", polling=250,
                           timeout=min(deadline.left_ms(), 1000 * RENDER_TIMEOUT_S))
    page.evaluate(COUNT_DRAWS_JS, "canvas")  # window.ndDrawTimes: when each new picture is drawn
    return page


def open_students(url: str, count: int, at_once: int = 4) -> list[ProtocolStudent]:
    """``count`` protocol-level students, ``at_once`` of them opening the page at the same time."""
    students: list[ProtocolStudent] = []
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        students += pool.map(lambda _: ProtocolStudent(url, DASHBOARD), range(count))
    return students


def press_round(page, students: list[ProtocolStudent], key: str, deadline: Deadline) -> tuple[float | None, list]:
    """Everyone presses at (nearly) the same moment: the page's ms to changed pixels, the students' ms to their
    pictures."""
    page.evaluate("([q, t]) => ndSettle(q, t)", [QUIET_MS, min(RESPONSE_TIMEOUT_MS, deadline.left_ms())])
    page.locator(HIP_HANDLE).first.focus()
    page.evaluate("t => ndArm(t)", RESPONSE_TIMEOUT_MS)
    sent = time.perf_counter()
    for student in students:
        student.move(student.value + (1 if key == "ArrowRight" else -1))
    page.keyboard.press(key)
    waits = [student.wait_for_picture(sent, RESPONSE_TIMEOUT_MS / 1000) for student in students]
    deadline.left_s()
    return page.evaluate("() => ndPending"), [None if w is None else 1000 * w for w in waits]


def drag_page(page, seconds: float) -> dict:
    """Drag the page's hip slider back and forth for ``seconds``; pictures a second during the drag and ms from
    release to the last picture drawn (once none has come for a second)."""
    dragger = Dragger(page)
    pressed, share = dragger.press(), 0.2
    while dragger.now_ms() - pressed < 1000 * seconds:
        share = 0.6 if share == 0.2 else 0.2  # back and forth over part of the track
        dragger.glide(share, 1.3)
    released = dragger.release()
    final = dragger.last_draw_after(released)
    return {"pictures_per_s": round(len(dragger.draws_between(pressed, released)) / ((released - pressed) / 1000), 1),
            "final_after_release_ms": round(final, 1)}


def drag_students(students: list[ProtocolStudent], seconds: float) -> list[dict]:
    """All students drag at once for ``seconds``; each one's pictures a second and ms from release to its final
    picture (the picture of the last value sent)."""
    stop = time.perf_counter() + seconds
    counts = [len(student.pictures) for student in students]
    with ThreadPoolExecutor(max_workers=len(students)) as pool:
        ends = list(pool.map(lambda student: student.drag(stop), students))
    time.sleep(3.0)  # the last pictures arrive
    results = []
    for student, before, (released, last_sent) in zip(students, counts, ends):
        during = [t for t, _, _ in student.pictures[before:] if t <= released]
        final = [t for t, _, _ in student.pictures if t >= last_sent]
        results.append({"pictures_per_s": len(during) / seconds,
                        "final_after_release_ms": 1000 * (final[-1] - released) if final else None})
    return results


def summary(values: list[float | None]) -> dict:
    answered = [v for v in values if v is not None]
    return {**stats(answered), "max_ms": round(max(answered), 1) if answered else None, "count": len(values),
            "missing": len(values) - len(answered)}


def kernel_memory(server) -> dict:
    kernels = server.kernel_processes()
    rss = [k.memory_info().rss / 2**20 for k in kernels]
    uss = [k.memory_full_info().uss / 2**20 for k in kernels]
    return {"kernels": len(kernels),
            "rss_mb_median": round(float(np.median(rss)), 1) if rss else None,
            "rss_mb_max": round(max(rss), 1) if rss else None,
            "uss_mb_median": round(float(np.median(uss)), 1) if uss else None,
            "uss_mb_max": round(max(uss), 1) if uss else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=19, help="protocol-level students beside the page")
    parser.add_argument("--rounds", type=int, default=3, help="rounds in which everyone presses at once")
    parser.add_argument("--drag-s", type=float, default=30.0, help="seconds everyone drags")
    parser.add_argument("--timeout-min", type=float, default=20.0, help="hard limit for the whole run")
    args = parser.parse_args()
    deadline = Deadline(60 * args.timeout_min)
    loads = {"before": load_average()}

    with tempfile.TemporaryDirectory(prefix="nd-class-load-") as temp:
        served = copy_notebooks(Path(temp))
        home = Path(temp) / "voila-home"
        home.mkdir()
        voila = start_voila(served, home)  # with the culling flags
        url = f"{voila.url}/voila/render/{DASHBOARD}"
        students: list[ProtocolStudent] = []
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright, LOOPBACK_ONLY + NO_THROTTLING)
                try:
                    students = open_students(voila.url, args.students)
                    page = open_page(browser, url, deadline)
                    memory = kernel_memory(voila)
                    page_presses, student_presses = [], []
                    for index in range(args.rounds):
                        page_ms, student_ms = press_round(page, students,
                                                          "ArrowRight" if index % 2 == 0 else "ArrowLeft", deadline)
                        page_presses.append(page_ms)
                        student_presses += student_ms
                    loads["pressing"] = load_average()
                    with ThreadPoolExecutor(max_workers=1) as pool:
                        dragging = pool.submit(drag_students, students, args.drag_s)
                        page_drag = drag_page(page, args.drag_s)
                        loads["dragging"] = load_average()
                        student_drags = dragging.result()
                finally:
                    browser.close()
        finally:
            for student in students:
                student.close()
            stop_process(voila.process)

    press = summary(page_presses)
    rates = [d["pictures_per_s"] for d in student_drags] + [page_drag["pictures_per_s"]]
    finals = [d["final_after_release_ms"] for d in student_drags] + [page_drag["final_after_release_ms"]]
    final_p95 = float(np.percentile([f for f in finals if f is not None], 95)) if any(
        f is not None for f in finals) else None
    targets = {
        "page_press_p50_le_250_ms": press["p50_ms"] is not None and press["p50_ms"] <= 250 and not press["missing"],
        "page_press_p95_le_600_ms": press["p95_ms"] is not None and press["p95_ms"] <= 600 and not press["missing"],
        "drag_each_ge_3_pictures_per_s": min(rates) >= 3,
        "drag_final_within_1_s_p95": final_p95 is not None and final_p95 <= 1000 and None not in finals,
        "kernel_rss_le_200_mb_each": memory["rss_mb_max"] is not None and memory["rss_mb_max"] <= 200,
    }
    print(json.dumps({
        "benchmark": "workshop dashboard in Voila: one Chromium page measured among protocol-level students",
        "students": args.students + 1,
        "load_average_1min": loads,
        "press_together": {"page": press, "protocol_students": summary(student_presses)},
        "drag": {"seconds": args.drag_s, "page": page_drag,
                 "students_pictures_per_s": {"min": round(min(rates), 1), "median": round(float(np.median(rates)), 1)},
                 "final_after_release_ms": {"p95": final_p95 and round(final_p95, 1),
                                            "max": round(max(f for f in finals if f is not None), 1)
                                            if any(f is not None for f in finals) else None,
                                            "missing": finals.count(None)}},
        "kernel_memory_per_student_mb": memory,
        "targets_met": targets,
    }, indent=2))


if __name__ == "__main__":
    main()
