"""Random draws for the demo's invented figures (``random.Random`` only, so that a seed
gives the same numbers every time): spreading a count over weights, binomial and Poisson
counts, each cheap enough for a year of days."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence


def split(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """``n`` spread over the weights at random (a multinomial draw); sums to ``n``."""
    counts = [0] * len(weights)
    left = n
    mass = float(sum(weights))
    if 0 < n <= 2 * len(weights) and mass > 0:
        # Few items over many weights: placing each is cheaper than a draw per weight.
        for i in rng.choices(range(len(weights)), weights=weights, k=n):
            counts[i] += 1
        return counts
    for i, weight in enumerate(weights):
        if left <= 0:
            break
        if i == len(weights) - 1:
            counts[i] = left
            break
        share = weight / mass if mass > 0 else 0.0
        count = binomial(rng, left, share)
        counts[i] = count
        left -= count
        mass -= weight
    return counts


def binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw (``random.binomialvariate`` is Python 3.12): exact while it is
    cheap, a normal approximation once the spread is wide enough for it to be close."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    variance = n * p * (1.0 - p)
    if variance >= 9.0:
        return min(n, max(0, round(rng.gauss(n * p, math.sqrt(variance)))))
    # Exact: jump from one success to the next by geometric gaps, so the cost is the
    # number of successes (of the rarer outcome), not of trials.
    rarer = min(p, 1.0 - p)
    log_miss = math.log1p(-rarer)
    count = 0
    trial = 0
    while True:
        trial += int(math.log(1.0 - rng.random()) / log_miss) + 1
        if trial > n:
            break
        count += 1
    return count if p <= 0.5 else n - count


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0.0:
        return 0
    if mean > 30.0:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
