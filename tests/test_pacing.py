"""The picture first, the words a moment later, for moves made in the browser (neurodynamics.interface.pacing).

Each case runs in a thread of its own: in the whole suite, Playwright's sync API (the browser tests) leaves an event
loop marked running in the main thread, which a kernel's loop would be but this one never turns."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import ipywidgets as W

from neurodynamics.interface import explorers, pacing


def in_new_thread(function):
    """``function()`` run in a new thread (no event loop there unless it starts one); its result or its error."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def run_loop(scenario) -> object:
    """Run the coroutine function ``scenario`` in a new event loop of a new thread, as a kernel's loop runs."""
    return in_new_thread(lambda: asyncio.run(scenario()))


def test_words_run_at_once_without_an_event_loop_even_when_asked_to_wait():
    said = []
    in_new_thread(lambda: pacing.WordsAfterPicture().run(lambda: said.append("now"), later=True))
    assert said == ["now"]


def test_in_a_running_loop_words_wait_and_only_the_newest_runs():
    async def scenario() -> list[str]:
        said, words = [], pacing.WordsAfterPicture(delay_s=0.01)
        words.run(lambda: said.append("first"), later=True)
        words.run(lambda: said.append("second"), later=True)
        assert said == [] and words.pending
        await asyncio.sleep(0.05)
        assert not words.pending
        words.run(lambda: said.append("third"), later=False)  # a move made in Python: at once
        return said

    assert run_loop(scenario) == ["second", "third"]


def test_a_move_made_now_cancels_words_still_waiting():
    async def scenario() -> list[str]:
        said, words = [], pacing.WordsAfterPicture(delay_s=0.01)
        words.run(lambda: said.append("stale"), later=True)
        words.run(lambda: said.append("now"), later=False)
        await asyncio.sleep(0.05)
        return said

    assert run_loop(scenario) == ["now"]


def test_a_change_is_from_the_browser_only_when_a_front_end_sent_it():
    slider, seen = W.IntSlider(), []
    slider.observe(lambda change: seen.append(pacing.from_browser(change)), names="value")
    slider.value = 3  # Python
    slider.set_state({"value": 4})  # what ipywidgets does with a browser's update message
    assert seen == [False, True]


def _images(explorer) -> list[int]:
    """Connect the explorer's canvas as a browser view would; the sizes of the images it sends."""
    canvas = explorer.figure.canvas
    canvas.syncing_data_url = False
    sent: list[int] = []
    canvas.send = lambda content, buffers=None: sent.extend(len(b) for b in buffers or [])
    canvas.draw()
    return sent


def test_a_browser_move_sends_the_picture_at_once_and_the_words_after_it():
    async def scenario() -> None:
        explorer = explorers.PostureExplorer()
        images = _images(explorer)
        readout, sentence = explorer.readout.value, explorer.sentence_text
        before = len(images)
        explorer.sliders["hip_flexion"].set_state({"value": 70})  # as the browser's message does
        assert len(images) == before + 1, "the picture went out during the move"
        assert (explorer.readout.value, explorer.sentence_text) == (readout, sentence), "words wait"
        await asyncio.sleep(pacing.WORDS_DELAY_S + 0.05)
        assert explorer.readout.value != readout and "Hip 70" in explorer.sentence_text
        explorer.sliders["hip_flexion"].value = 20  # a lesson's code: words at once, even in a running loop
        assert "Hip 20" in explorer.sentence_text

    run_loop(scenario)


def test_a_failed_move_drops_waiting_words_so_its_message_stays(monkeypatch):
    async def scenario() -> str:
        explorer = explorers.PostureExplorer()
        _images(explorer)
        explorer.sliders["hip_flexion"].set_state({"value": 70})  # words wait
        monkeypatch.setattr(explorer.plot, "update", lambda *args: 1 / 0)
        explorer.sliders["hip_flexion"].set_state({"value": 71})  # this move fails
        await asyncio.sleep(pacing.WORDS_DELAY_S + 0.05)
        return explorer.status.value

    assert "Could not update the picture" in run_loop(scenario)
