"""simulate() estimates its memory before allocating: a program that would need more than the limit is refused
with a message that says what would fit; the largest accepted program stays inside the limit (measured)."""
import tracemalloc

import pytest

import neurodynamics as nd
from neurodynamics.model import dynamics, exercises

SLR = nd.Posture(hip_flexion=70)


def test_a_four_hour_hold_at_the_default_step_is_refused_with_what_would_fit():
    with pytest.raises(ValueError) as error:
        nd.simulate(exercises.hold(SLR, 4 * 3600.0), dt=0.01)
    message = str(error.value)
    assert "14400 s" in message and "dt = 0.01 s" in message and f"{dynamics.MEMORY_LIMIT_MB:g} MB" in message
    fitting_dt = float(message.split("dt of at least ")[1].split(" s")[0])
    nd.simulate(exercises.hold(SLR, 4 * 3600.0), dt=fitting_dt * 1.01)  # what the message offers does fit


def test_largest_accepted_program_peaks_inside_the_memory_limit():
    samples = dynamics.MEMORY_LIMIT_MB * 1e6 / dynamics.PEAK_BYTES_PER_SAMPLE
    longest_s = 0.99 * (samples - 1) * 0.01
    program = exercises.hold(SLR, longest_s)
    nd.simulate(exercises.hold(SLR, 10.0))  # solve the path first: only the time series is measured
    tracemalloc.start()
    try:
        series = nd.simulate(program, dt=0.01)
        series.summary()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak / 1e6 <= dynamics.MEMORY_LIMIT_MB, f"peak {peak / 1e6:.0f} MB"
    assert peak / 1e6 >= 0.8 * dynamics.memory_needed_mb(longest_s, 0.01), "the estimate is far too cautious"
