"""A solver that fails, for the widget tests: a widget shows the error in its status line and raises nothing."""
from neurodynamics.interface.explorer_base import ERROR_STYLE

TROUBLE = "solver trouble (test)"


def break_solver(monkeypatch, model) -> None:
    """From now on (until `monkeypatch.undo()`) `model.solve` raises RuntimeError(TROUBLE)."""
    def broken(posture):
        raise RuntimeError(TROUBLE)

    monkeypatch.setattr(model, "solve", broken)


def shows_error(widget, text: str = TROUBLE) -> bool:
    """Whether the widget's status line shows `text` as an error (in the error style)."""
    return text in widget.status.value and ERROR_STYLE in widget.status.value
