"""The nerve's tension-strain law: slack, then an exponential toe, then a straight line.

Strain is a fraction of the slack-free length; tension in newtons. Below zero strain the nerve is wavy
and carries nothing; the toe stiffens exponentially as the wavy fibres straighten; past the toe end the
law continues as a straight line with the linear-region stiffness EA. The law is smooth (C1) and convex.
"""
from __future__ import annotations

import numpy as np


#: Halley steps from the series start in :meth:`TensionLaw.strain_for_tension` (each step triples the digits).
HALLEY_STEPS = 2


class TensionLaw:
    """The law for a set of elements, each with its own EA (N) and toe end strain (fraction).

    Parameters
    ----------
    axial_stiffness_n : numpy.ndarray
        Linear-region stiffness EA of each element, N.
    toe_end_strain : numpy.ndarray
        Slack strain where each element's toe ends, fraction.
    shape : float
        The toe end strain over the toe's exponential scale: larger means a sharper toe (the model's is
        ``TOE_SHAPE``, read with ``parameters.lookup``).

    Examples
    --------
    >>> law = TensionLaw(np.array([1000.0]), np.array([0.05]), shape=2.0)
    >>> tension, slope = law.tension(np.array([-0.01, 0.0, 0.1]))
    >>> tension[:2].tolist(), bool(tension[2] > 0)                  # wavy: no tension; taut: tension
    ([0.0, 0.0], True)
    """

    def __init__(self, axial_stiffness_n: np.ndarray, toe_end_strain: np.ndarray, shape: float) -> None:
        self.shape = float(shape)
        self.axial_stiffness_n = np.asarray(axial_stiffness_n, dtype=float)
        self.toe_end_strain = np.asarray(toe_end_strain, dtype=float)
        self.toe_scale = self.toe_end_strain / self.shape
        self.toe_factor = self.axial_stiffness_n / np.expm1(self.shape)  # N, slope = factor x (e^x - 1)
        self.toe_end_tension = self.toe_factor * self.toe_scale * (np.expm1(self.shape) - self.shape)
        self._toe_tension = self.toe_factor * self.toe_scale  # N, tension per toe unit
        self._toe_energy = self._toe_tension * self.toe_scale  # N, energy per toe unit
        self._per_toe_scale = 1.0 / self.toe_scale

    def elements(self, index: np.ndarray | list[int]) -> "TensionLaw":
        """The law of the elements at ``index`` (an index array, broadcast as given), same toe shape.

        Parameters
        ----------
        index : numpy.ndarray or list of int
            Element indices.

        Returns
        -------
        TensionLaw

        Examples
        --------
        >>> law = TensionLaw(np.array([1000.0, 2000.0]), np.array([0.05, 0.04]), shape=2.0)
        >>> law.elements([1]).axial_stiffness_n.tolist()
        [2000.0]
        """
        return TensionLaw(self.axial_stiffness_n[index], self.toe_end_strain[index], self.shape)

    def tension(self, strain: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Tension (N) and its slope dT/dstrain (N) at ``strain`` (fraction).

        Parameters
        ----------
        strain : numpy.ndarray
            Slack strain of each element, fraction (below 0: wavy, no tension).

        Returns
        -------
        tension : numpy.ndarray
            Tension, N.
        slope : numpy.ndarray
            dT/dstrain, N: EA past the toe.

        Examples
        --------
        >>> law = TensionLaw(np.array([1000.0]), np.array([0.05]), shape=2.0)
        >>> law.tension(np.array([0.2]))[1].round(6).tolist()            # past the toe: the slope is EA
        [1000.0]
        """
        x, growth, beyond = self._toe_and_beyond(strain)
        return self._toe_tension * (growth - x) + self.axial_stiffness_n * beyond, self.toe_factor * growth

    def _toe_and_beyond(self, strain: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Toe coordinate x (strain in the toe / toe scale), e^x - 1, and strain beyond the toe end (fraction)."""
        x = np.minimum(np.maximum(strain, 0.0), self.toe_end_strain) * self._per_toe_scale
        return x, np.expm1(x), np.maximum(strain - self.toe_end_strain, 0.0)

    def evaluate(self, strain: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tension (N), slope dT/dstrain (N) and strain energy per unit slack-free length (N) at ``strain``.

        Parameters
        ----------
        strain : numpy.ndarray
            Slack strain of each element, fraction, as for :meth:`tension`.

        Returns
        -------
        tension, slope, energy : numpy.ndarray
            Tension (N), dT/dstrain (N) and strain energy per unit slack-free length (N).

        Examples
        --------
        >>> law = TensionLaw(np.array([1000.0]), np.array([0.05]), shape=2.0)
        >>> tension, slope, energy = law.evaluate(np.array([0.03]))
        >>> bool(tension[0] == law.tension(np.array([0.03]))[0][0]), bool(energy[0] > 0)
        (True, True)
        """
        x, growth, beyond = self._toe_and_beyond(strain)
        toe = growth - x
        linear = self.axial_stiffness_n * beyond
        tension = self._toe_tension * toe + linear
        energy = self._toe_energy * (toe - 0.5 * x * x) + beyond * (self.toe_end_tension + 0.5 * linear)
        return tension, self.toe_factor * growth, energy

    def strain_for_tension(self, tension_n: np.ndarray) -> np.ndarray:
        """Inverse of :meth:`tension`: strain (fraction) at which the law gives ``tension_n`` (N >= 0).

        Broadcasts ``tension_n`` against the elements; zero tension maps to zero strain. Past the toe the law is a
        straight line; in the toe it is y = e^x - 1 - x (x = strain / toe scale, y = tension in toe units), whose
        exact root is x = -(1 + y) - W_-1(-e^-(1 + y)) (Lambert W). scipy's complex Lambert W costs about a
        microsecond a value, too slow for every sample of a long program, so the root is found by Halley's
        method from its series start instead: two steps agree with Lambert W to 1e-11 (tests/model/test_tension_law.py).

        Parameters
        ----------
        tension_n : numpy.ndarray
            Tension, N (negative values count as 0).

        Returns
        -------
        numpy.ndarray
            Slack strain at which each element carries ``tension_n``, fraction.

        Examples
        --------
        >>> law = TensionLaw(np.array([1000.0]), np.array([0.05]), shape=2.0)
        >>> strains = np.array([0.0, 0.01, 0.03, 0.08])
        >>> np.allclose(law.strain_for_tension(law.tension(strains)[0]), strains)
        True
        """
        tension_n = np.maximum(np.asarray(tension_n, dtype=float), 0.0)
        y = np.minimum(tension_n, self.toe_end_tension) / (self.toe_factor * self.toe_scale)
        q = np.sqrt(2.0 * y)  # near 0: x = q - q^2/6 + q^3/36 - ...; far out: x = log(1 + y + x)
        x = np.where(y < 1.5, q - q * q / 6.0 + q**3 / 36.0, np.log1p(y + np.log1p(y)))
        for _ in range(HALLEY_STEPS):
            grow = np.expm1(x)
            miss = grow - x - y
            denominator = 2.0 * grow * grow - miss * (grow + 1.0)
            x = x - np.divide(2.0 * miss * grow, denominator, out=np.zeros_like(x), where=denominator > 0.0)
        linear = self.toe_end_strain + (tension_n - self.toe_end_tension) / self.axial_stiffness_n
        return np.where(tension_n > self.toe_end_tension, linear, x * self.toe_scale)
