"""What a lesson's decision activity gives back, for the lesson claim tests: the choice the model ranks first or
last, and what a check function prints (it returns nothing, so a notebook shows no answer of its own)."""


def top_choice(values: dict[str, float]) -> str:
    """The choice with the largest value."""
    return max(values, key=values.get)


def bottom_choice(values: dict[str, float]) -> str:
    """The choice with the smallest value."""
    return min(values, key=values.get)


def verdict(capsys, check, choice) -> str:
    """What `check(choice)` prints; fails if it returns a value (the notebook would show it under the cell)."""
    assert check(choice) is None, f"{check.__name__}({choice!r}) returned a value"
    return capsys.readouterr().out
