"""Slider-move latency of the posture explorer, measured in the kernel as a connected browser sees it; prints JSON.

    python benchmarks/latency.py [--moves 120] [--presenter]

Runs in plain Python (no IPython). A view of the live picture is opened as a browser opens one (it asks for the
whole picture and reports each picture drawn: ``neurodynamics.interface.live.open_view``), so each move ends with
the PNG bytes the live picture widget sends. A move is timed from setting a slider's value until every draw it
caused is done and the image is encoded; a move that sends no new image would not count, so the script checks that
every move sent one. The words under the figure
(readout table, sentence) are set after the image (in a kernel, 30 ms after it for a move made in the browser:
neurodynamics/interface/pacing.py); the time until the callback returns is reported beside.
In the same run:
  - full re-render: the same figure and update, but a full ``canvas.draw()`` instead of the blit;
  - naive interact: what ``interact`` with an inline plot does each move: build a new 3-panel figure, plot, PNG.
  - HoldVsFloss: a change of repetitions or tempo until the new curves' image is sent.
Targets (issue 12): p50 <= 10 ms, p95 <= 20 ms, >= 8x faster than a full re-render of the same figure;
HoldVsFloss p50 <= 100 ms.
"""
from __future__ import annotations

import argparse
import io
import json
import time

import matplotlib.pyplot as plt
import numpy as np

import neurodynamics as nd
from neurodynamics.interface import explorers, live
from neurodynamics.interface.style import LIVE_WIDTH_IN
from neurodynamics.model.posture import RANGES_DEG


def random_moves(count: int, seed: int = 1) -> list[tuple[str, int]]:
    """(joint, new value) pairs: one slider at a time, anywhere in its range."""
    rng = np.random.default_rng(seed)
    joints = list(RANGES_DEG)
    moves = []
    for _ in range(count):
        joint = joints[rng.integers(len(joints))]
        low, high = RANGES_DEG[joint]
        moves.append((joint, int(rng.integers(low, high + 1))))
    return moves


def connect(canvas) -> list[tuple[int, float]]:
    """Open a view of ``canvas`` as a browser does; returns a list that gets the size (bytes) and time
    (``perf_counter``, s) of every picture sent."""
    sent: list[tuple[int, float]] = []
    messages = live.open_view(canvas)
    record = canvas.picture.send

    def send(content: dict, buffers=None) -> None:
        record(content, buffers)
        sent.append((sum(map(len, messages[-1][1])), time.perf_counter()))

    canvas.picture.send = send
    return sent


def connected_explorer(presenter: bool) -> tuple[explorers.PostureExplorer, list[tuple[int, float]]]:
    """A posture explorer whose canvas behaves as if a browser view were open, and its list of images sent."""
    explorer = explorers.PostureExplorer(presenter=presenter)
    return explorer, connect(explorer.plot.figure.canvas)


def pin_taut(explorer: explorers.PostureExplorer) -> None:
    """Raise the leg to 60 deg and pin it: the nerve is taut there, so every move after it grips (Model.movement)."""
    explorer.sliders["hip_flexion"].value = 60
    explorer.pin()


def hold_vs_floss_changes(presenter: bool, count: int) -> list[float]:
    """Milliseconds from a change of repetitions or tempo in HoldVsFloss until its new curves' image is sent
    (both programs simulated again, figure redrawn); repetitions and tempo alternate, each up then down."""
    widget = explorers.HoldVsFloss(presenter=presenter)
    sent = connect(widget.figure.canvas)
    times = []
    for index in range(count):
        control = widget.reps if index % 2 == 0 else widget.period
        step = control.step if (index // 2) % 2 == 0 else -control.step
        before = len(sent)
        start = time.perf_counter()
        control.value = control.value + step
        if len(sent) == before:
            raise RuntimeError(f"changing {control.description} sent no image")
        times.append(1000.0 * (sent[-1][1] - start))
    return times


def time_moves(explorer: explorers.PostureExplorer, sent: list[tuple[int, float]], moves,
               full: bool) -> tuple[list[float], list[float]]:
    """Milliseconds per move until its last image was ready to send, and until the slider's callback returned (the
    readout table and the sentence follow the image); each move must send a new image."""
    if full:
        explorer.plot.redraw = lambda full=False: explorer.plot.figure.canvas.draw()  # same update, full redraw
    to_image, to_return = [], []
    for joint, value in moves:
        if explorer.sliders[joint].value == value:
            value = value - 1 if value > RANGES_DEG[joint][0] else value + 1
        before = len(sent)
        start = time.perf_counter()
        explorer.sliders[joint].value = value
        to_return.append(1000.0 * (time.perf_counter() - start))
        if len(sent) == before:
            raise RuntimeError(f"moving {joint} to {value} sent no image")
        to_image.append(1000.0 * (sent[-1][1] - start))
    return to_image, to_return


def naive_interact(moves) -> list[float]:
    """Milliseconds per move when every move builds, plots and renders a brand-new figure."""
    times, posture = [], nd.Posture()
    for joint, value in moves:
        start = time.perf_counter()
        posture = posture.replace(**{joint: value})
        solution = nd.Model().solve(posture)
        with plt.ioff():
            from matplotlib.figure import Figure

            figure = Figure(figsize=(LIVE_WIDTH_IN, 4.6))
            axes = figure.subplots(1, 3)
            profile = solution.profile()
            axes[0].plot(profile.arc_length_mm, profile.strain_pct)
            axes[1].plot(profile.arc_length_mm, profile.tension_n)
            axes[2].barh([0, 1], [solution.strain("thigh"), nd.hamstring_stretch(posture)])
            figure.tight_layout()
            with io.BytesIO() as buffer:
                figure.savefig(buffer, format="png")
        times.append(1000.0 * (time.perf_counter() - start))
    return times


def stats(times: list[float]) -> dict[str, float]:
    return {"p50_ms": round(float(np.median(times)), 1), "p95_ms": round(float(np.percentile(times, 95)), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=120)
    parser.add_argument("--presenter", action="store_true", help="presenter (projector) size")
    parser.add_argument("--pinned", action="store_true",
                        help="pin the starting posture first: every move is then a movement from the pin (the grip)")
    args = parser.parse_args()
    moves = random_moves(args.moves)
    explorer, sent = connected_explorer(args.presenter)
    if args.pinned:
        pin_taut(explorer)
    fast, fast_return = time_moves(explorer, sent, moves, full=False)
    frame_bytes = int(np.median([size for size, _ in sent[-len(moves):]]))
    explorer, sent = connected_explorer(args.presenter)
    if args.pinned:
        pin_taut(explorer)
    full, _ = time_moves(explorer, sent, moves, full=True)
    naive = naive_interact(moves)
    hold_floss = hold_vs_floss_changes(args.presenter, 40)
    print(json.dumps({
        "benchmark": "PostureExplorer slider move -> image bytes ready (live picture widget, in the kernel)",
        "moves": len(moves),
        "figure_px": [int(v) for v in explorer.plot.figure.bbox.size],
        "presenter": args.presenter,
        "pinned": args.pinned,
        "blit_update": {**stats(fast), "median_image_bytes": frame_bytes,
                        "callback_returned": stats(fast_return)},
        "full_redraw": stats(full),
        "naive_interact": stats(naive),
        "hold_vs_floss_change": {**stats(hold_floss), "changes": len(hold_floss), "target_p50_ms": 100},
        "speedup_vs_full_p50": round(float(np.median(full) / np.median(fast)), 1),
        "speedup_vs_naive_p50": round(float(np.median(naive) / np.median(fast)), 1),
        "targets": {"p50_ms": 10, "p95_ms": 20, "speedup_vs_full": 8},
        "figures_open": len(plt.get_fignums()),
    }, indent=2))


if __name__ == "__main__":
    main()
