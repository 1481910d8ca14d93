"""The picture first, the words a moment later: pacing what a slider move sends to the browser.

A slider move in the browser makes an explorer send its new picture and then its words (a readout table, the
sentence under the figure). The browser handles messages in the order they arrive: words arriving right behind
the picture made it lay out and paint the page once more before it drew the picture (about 6 ms in Voila and
10 ms in JupyterLab on the 2-core machine, seen in Chromium's trace). So when a move comes from the browser the
words follow ``WORDS_DELAY_S`` later, on the kernel's event loop, and while the slider is dragged at most every
``WORDS_EVERY_S``, with the newest move's words (two messages fewer for most pictures of a drag, for the kernel, the
server and the browser; a screen reader is not flooded either). A move made in Python (a lesson's code, a preset, a
test) updates them at once, so code that reads them next sees them new.
"""
from __future__ import annotations

import asyncio
import math
from collections.abc import Callable

#: How long the words wait after the picture (s): the browser gets the picture about 5-10 ms after it is sent and
#: takes 15-20 ms more to decode and draw it (Voila on the 2-core machine, ``benchmarks/browser_latency.py``).
WORDS_DELAY_S = 0.03
#: While moves keep coming from the browser (a drag), the words go out at most this often (s).
WORDS_EVERY_S = 0.25


def from_browser(change: dict) -> bool:
    """Whether the trait ``change`` (an ipywidgets observer's argument) was sent by a browser view: true for a
    widget made by :func:`.controls.slider` (:class:`.controls.SetByBrowser`) while a front end's state is
    applied."""
    return bool(getattr(change.get("owner"), "set_by_browser", False))


class WordsAfterPicture:
    """Runs an explorer's word updates at once, or ``delay_s`` later when the move came from the browser and an
    event loop is running (a kernel), and then no sooner than ``every_s`` after the words sent before; only the
    newest pending update runs."""

    def __init__(self, delay_s: float = WORDS_DELAY_S, every_s: float = WORDS_EVERY_S) -> None:
        self.delay_s, self.every_s = delay_s, every_s
        self._pending: asyncio.TimerHandle | None = None
        self._words: Callable[[], None] | None = None
        self._last_s = -math.inf  # the loop's time when paced words last ran

    @property
    def pending(self) -> bool:
        """Whether words wait to be sent."""
        return self._pending is not None

    def cancel(self) -> None:
        """Drop words still waiting (they describe a move that a newer one, or an error, replaced)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending, self._words = None, None

    def run(self, words: Callable[[], None], later: bool) -> None:
        """Run ``words`` (a function that sets the word widgets) now, or paced if ``later``: words already waiting
        are replaced by these and keep their time."""
        loop = _running_loop() if later else None
        if loop is None:
            self.cancel()
            words()
            return
        self._words = words
        if self._pending is None:
            due = max(loop.time() + self.delay_s, self._last_s + self.every_s)
            self._pending = loop.call_at(due, self._run_pending)

    def _run_pending(self) -> None:
        words, self._words, self._pending = self._words, None, None
        self._last_s = asyncio.get_running_loop().time()
        words()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:  # plain Python: no loop runs
        return None
