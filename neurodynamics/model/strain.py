"""Strain and stretch, the two ways the package measures how long the nerve is (one place for the conversions).

*Strain* (fraction, or % where named ``_pct``) is elongation beyond the slack-free length: what the tension law
takes. *Stretch* (%) is elongation beyond the resting length in neutral standing, the length the nerve has in
the body: what cadaver, ultrasound and animal studies report and what the blood-flow thresholds use.
"""
from __future__ import annotations

import numpy as np


def stretch_pct(strain: np.ndarray | float, resting_strain: np.ndarray | float) -> np.ndarray:
    """Stretch beyond the resting length (%) from strain and resting strain (fractions of the slack length)."""
    return 100.0 * ((1.0 + np.asarray(strain, dtype=float)) / (1.0 + np.asarray(resting_strain, dtype=float)) - 1.0)


def strain_pct(stretch: np.ndarray | float, resting_strain: np.ndarray | float) -> np.ndarray:
    """Strain (% of the slack length) of a nerve stretched ``stretch`` (%) beyond its resting length.

    The inverse of :func:`stretch_pct`; ``resting_strain`` is a fraction of the slack length.
    """
    return 100.0 * ((1.0 + np.asarray(resting_strain, dtype=float)) * (1.0 + np.asarray(stretch, dtype=float) / 100.0) - 1.0)
