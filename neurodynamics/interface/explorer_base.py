"""What every explorer shares: the base class, its checked arguments, its status line, one guarded update, one quiet
update (``Quiet``), and the ranges of the exercise-design controls.

Displayed in a notebook, an explorer also carries a PNG of its figure: JupyterLab and Voila show the live widget,
nbconvert HTML handouts (no widget state) show the picture, with alt text that says what it shows. Under each
figure one sentence (an aria-live region, read out by screen readers) says in words what the figure shows. Errors
inside a callback are shown in the status line; the last picture stays.
"""
from __future__ import annotations

import base64
import contextlib
import html
from collections.abc import Callable, Iterator

import ipywidgets as W

from ..model.mechanics import Model, default_model
from ..model.posture import RANGES_DEG
from .explorer_figures import ExplorerFigure
from .live import png_bytes
from .sentences import sentence_html

#: Ranges of the exercise-design controls that HoldVsFloss and the exercise player share (degrees, s, counts):
#: narrower than the joints' ranges (``RANGES_DEG``), to keep to exercises patients are taught.
KNEE_RANGE_DEG = (int(RANGES_DEG["knee_flexion"][0]), 120)
HOLD_HIP_DEG = (30, 110)
HOLD_SECONDS = (5, 300)
REPETITIONS = (1, 40)
SECONDS_PER_REPETITION = (1.0, 12.0)

ERROR_STYLE = "color:#B00020;font-weight:bold"


def checked_model(model: Model | None) -> Model:
    """``model``, or the default model for None; anything else raises a TypeError naming the argument."""
    if model is None:
        return default_model()
    if not isinstance(model, Model):
        raise TypeError(f"model must be a neurodynamics Model (nd.Model(...)) or None, got {model!r}")
    return model


def checked_presenter(presenter: bool) -> bool:
    """``presenter`` if it is True or False; anything else raises a TypeError naming the argument."""
    if not isinstance(presenter, bool):
        raise TypeError(f"presenter must be True or False, got {presenter!r}")
    return presenter


def status_html(message: str = "", error: bool = False) -> str:
    """The status line of an explorer: empty, a message, or an error (red, bold); read out by screen readers."""
    style = ERROR_STYLE if error else "color:#444"
    return f'<div role="status" style="{style}">{html.escape(message)}</div>'


class Quiet:
    """True inside ``with quiet():`` blocks (which nest): controls set from code there, their observers do nothing."""

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1


class Explorer:
    """A root widget and a figure, displayed live with a static picture alongside, one sentence under the figure
    that says what it shows (``sentence``), and a status line (``status``) where errors are shown."""

    widget: W.Widget
    figure: object
    #: What the figure is, the start of the picture's alt text.
    ALT_SUBJECT = "Explorer"

    def __init__(self) -> None:
        self.status = W.HTML(status_html())
        self.sentence = W.HTML()
        self._sentence_text = ""
        self._quiet = Quiet()  # set controls from code with ``with self._quiet():``

    @property
    def sentence_text(self) -> str:
        """The sentence under the explorer, as plain text."""
        return self._sentence_text

    def _say(self, text: str) -> None:
        self._sentence_text = text
        self.sentence.value = sentence_html(text)

    def _guarded(self, action: Callable[[], None], what: str, clear: bool = True) -> bool:
        """Run ``action``; on any error show "``what``: error" in the status line, keep the last picture and return
        False. On success clear the status line (unless ``clear`` is False: words that follow will) and return True."""
        try:
            action()
        except Exception as error:  # shown to the user, never swallowed
            self._failed(f"{what}: {error}")
            return False
        if clear:
            self.status.value = status_html()
        return True

    def _failed(self, message: str) -> None:
        """Show ``message`` as an error in the status line."""
        self.status.value = status_html(message, error=True)

    @property
    def alt(self) -> str:
        """Alt text of the explorer's picture: what it shows, then the sentence on the current state."""
        return f"{self.ALT_SUBJECT}. {self.sentence_text}".strip()

    def _png(self) -> bytes:
        return png_bytes(self.figure)

    def _repr_mimebundle_(self, **kwargs) -> tuple[dict, dict]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self._png()).decode("ascii")
        bundle["text/plain"] = f"{type(self).__name__} (interactive: run the notebook to move the sliders)"
        return bundle, {"image/png": {"alt": self.alt}}


class BodyExplorer(Explorer):
    """An explorer drawn on the body-and-tract figure (``plot``, an :class:`.explorer_figures.ExplorerFigure`),
    which holds the model it shows: the posture explorer and the exercise player."""

    plot: ExplorerFigure

    @property
    def model(self) -> Model:
        """The model whose numbers the figure shows (with the posture explorer's tether, if one is set)."""
        return self.plot.model
