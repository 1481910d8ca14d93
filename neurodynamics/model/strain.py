"""Two lengths of reference for the nerve, and the one place that converts between them.

The tension law works in *slack strain* (fraction): elongation beyond the slack-free length, where the nerve
stops being wavy. Everything a student sees is *strain* (%): elongation beyond the nerve's in-situ length in
neutral standing, what cadaver, ultrasound and animal studies report (0 when standing). A segment shorter than
its slack length is slack: its strain is floored at the value where it goes slack, never below.
"""
from __future__ import annotations

import numpy as np


def _elongation_pct(slack_strain: np.ndarray | float, in_situ_slack_strain: np.ndarray | float) -> np.ndarray:
    return 100.0 * ((1.0 + np.asarray(slack_strain, dtype=float)) / (1.0 + np.asarray(in_situ_slack_strain, dtype=float))
                    - 1.0)


def slack_point_pct(in_situ_slack_strain: np.ndarray | float) -> np.ndarray:
    """The floor of strain (%) for a segment with this in-situ slack strain (fraction): where it goes slack, or 0
    for a segment already wavy when standing (the roots).

    Parameters
    ----------
    in_situ_slack_strain : numpy.ndarray or float
        Slack strain standing, fraction.

    Returns
    -------
    numpy.ndarray
        The floor, % (at most 0).

    Examples
    --------
    >>> bool(slack_point_pct(0.02) < 0), float(slack_point_pct(-0.05))    # taut standing; wavy standing
    (True, 0.0)
    """
    return np.minimum(_elongation_pct(0.0, in_situ_slack_strain), 0.0)


def strain_pct(slack_strain: np.ndarray | float, in_situ_slack_strain: np.ndarray | float,
               floor_pct: np.ndarray | float | None = None) -> np.ndarray:
    """Strain beyond the in-situ length (%) from slack strain (fraction), floored at :func:`slack_point_pct`.

    Parameters
    ----------
    slack_strain : numpy.ndarray or float
        Elongation beyond the slack-free length, fraction.
    in_situ_slack_strain : numpy.ndarray or float
        The segment's slack strain when standing, fraction: where its strain is 0.
    floor_pct : numpy.ndarray or float, optional
        The floor, if it is already known (:func:`slack_point_pct`).

    Returns
    -------
    numpy.ndarray
        Strain, % beyond the in-situ length.

    Examples
    --------
    >>> float(strain_pct(0.02, 0.02))                            # at its in-situ length: 0
    0.0
    >>> bool(strain_pct(-0.5, 0.02) == slack_point_pct(0.02))   # far shorter: floored where it goes slack
    True
    """
    floor = slack_point_pct(in_situ_slack_strain) if floor_pct is None else floor_pct
    return np.maximum(_elongation_pct(slack_strain, in_situ_slack_strain), floor)


def slack_strain(strain: np.ndarray | float, in_situ_slack_strain: np.ndarray | float) -> np.ndarray:
    """Slack strain (fraction) of a segment at ``strain`` (%) beyond its in-situ length: the inverse of
    :func:`strain_pct` above the slack point.

    Parameters
    ----------
    strain : numpy.ndarray or float
        Strain, % beyond the in-situ length.
    in_situ_slack_strain : numpy.ndarray or float
        The segment's slack strain when standing, fraction.

    Returns
    -------
    numpy.ndarray
        Elongation beyond the slack-free length, fraction (what the tension law takes).

    Examples
    --------
    >>> round(float(strain_pct(slack_strain(5.0, 0.02), 0.02)), 9)
    5.0
    """
    return (1.0 + np.asarray(in_situ_slack_strain, dtype=float)) * (1.0 + np.asarray(strain, dtype=float) / 100.0) - 1.0
