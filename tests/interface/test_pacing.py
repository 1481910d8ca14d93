"""The picture first, the words a moment later, for moves made in the browser (neurodynamics.interface.pacing).

Each case runs in a thread of its own: in the whole suite, Playwright's sync API (the browser tests) leaves an event
loop marked running in the main thread, which a kernel's loop would be but this one never turns."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import ipywidgets as W
import numpy as np

from neurodynamics.interface import controls, explorers, live, pacing


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


def test_while_moves_keep_coming_words_go_out_at_most_every_interval_with_the_newest_move():
    async def scenario() -> list[str]:
        said, words = [], pacing.WordsAfterPicture(delay_s=0.01, every_s=1.0)
        words.run(lambda: said.append("first"), later=True)
        await asyncio.sleep(0.05)
        assert said == ["first"]
        words.run(lambda: said.append("second"), later=True)  # a drag goes on
        words.run(lambda: said.append("third"), later=True)
        await asyncio.sleep(0.05)
        assert said == ["first"], "no sooner than the interval after the words before"
        while words.pending:
            await asyncio.sleep(0.02)
        return said

    assert run_loop(scenario) == ["first", "third"]


def test_a_move_made_now_cancels_words_still_waiting():
    async def scenario() -> list[str]:
        said, words = [], pacing.WordsAfterPicture(delay_s=0.01)
        words.run(lambda: said.append("stale"), later=True)
        words.run(lambda: said.append("now"), later=False)
        await asyncio.sleep(0.05)
        return said

    assert run_loop(scenario) == ["now"]


def test_a_change_is_from_the_browser_only_when_a_front_end_sent_it():
    slider, seen = controls.slider(W.IntSlider, "hip (deg)"), []
    slider.observe(lambda change: seen.append(pacing.from_browser(change)), names="value")
    slider.value = 3  # Python
    slider.set_state({"value": 4})  # what ipywidgets does with a browser's update message
    assert seen == [False, True]


def _images(explorer) -> list[tuple[dict, list[bytes]]]:
    """Open a view of the explorer's picture as a browser does (each picture reported drawn at once); the
    pictures it gets."""
    return live.open_view(explorer.figure.canvas)


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


def _slow_view(explorer) -> list[tuple[dict, list[bytes]]]:
    """A view that reports a picture drawn only when the test says so (``_drawn``); its first picture is drawn."""
    messages = live.open_view(explorer.figure.canvas, drawn=False)
    _drawn(explorer, messages)
    return messages


def _drawn(explorer, messages) -> None:
    explorer.figure.canvas.receive({"type": "drawn", "number": messages[-1][0]["number"]})


def test_browser_moves_stale_before_their_picture_could_be_seen_are_skipped_and_the_newest_is_drawn():
    """While a picture is on its way to the screen, browser moves change the sliders but draw nothing; once the
    view reports that picture drawn, the newest posture is drawn, and it is right."""
    explorer, twin = explorers.PostureExplorer(), explorers.PostureExplorer()
    messages = _slow_view(explorer)
    hip = explorer.sliders["hip_flexion"]
    hip.set_state({"value": 10})
    assert len(messages) == 2, "the first move goes out at once"
    for value in (11, 12, 13, 14):
        hip.set_state({"value": value})
    assert len(messages) == 2 and hip.value == 14, "moves made while the picture was in flight are skipped"
    _drawn(explorer, messages)
    assert len(messages) == 3, "the newest move is drawn once the view has drawn the last picture"
    twin.sliders["hip_flexion"].value = 14
    shown = live.shown_after(messages)
    twin.figure.canvas.draw()
    assert np.array_equal(shown, np.asarray(twin.figure.canvas.buffer_rgba()).view(np.uint32).squeeze(2))
    _drawn(explorer, messages)
    assert len(messages) == 3, "nothing left to catch up"


def test_a_picture_never_reported_drawn_holds_back_moves_only_for_a_moment():
    async def scenario() -> int:
        explorer = explorers.PostureExplorer()
        messages = _slow_view(explorer)
        explorer.sliders["hip_flexion"].set_state({"value": 30})
        explorer.sliders["hip_flexion"].set_state({"value": 31})  # skipped: picture 2 in flight, never reported
        assert len(messages) == 2
        await asyncio.sleep(live.DRAWN_TIMEOUT_S + 0.1)
        return len(messages)

    assert run_loop(scenario) == 3, "the newest move is drawn once the picture in flight counts as lost"
