"""When to take the next sample of something costly, so that sampling stays within a share.

Gradient norms and the per-layer statistics are taken every k-th step. ``SampleBudget`` chooses
k by measurement and keeps a ledger, so that the share of the run spent sampling is bounded by
construction, not only on average:

- the cost of a sample is measured in plain steps: either directly (``whole=False``: the time
  its own code took, right for one fused kernel) or as the whole sampled step's time less a
  plain step's (``whole=True``: counts what the sampler's own clock misses, the forward hooks
  registered, PyTorch's slower module call while hooks exist, caches), never less than its own
  code's time; work done for the samples at a flush (read-back, unpacking) is ``charge``-d;
- a plain step's time is the shortest of the ``MEASURE_STEPS`` steps after each sample (the
  shortest: a flush or a busy core lengthens some steps, never shortens one);
- the interval ``every`` is ``ceil(cost / share)`` of the median of the last three costs,
  raised at once when the cost rises and lowered only when it falls below half (so the
  samples of a run sit at regular steps, 1, 1 + k, 1 + 2k, ...), and never below ``first``;
- the first sample (global step 1) is not measured: it is usually a run's first step, where
  PyTorch's lazy set-up (the first fused norm, the first hooks, allocations) made it cost ~28
  plain steps of a small MLP against ~1.5 later. The second comes ``first`` steps later and
  its cost is counted for both;
- the ledger: each later sample also waits until the samples so far, and it, fit within
  ``share`` of the steps since the first sample. The first two samples, taken before anything
  is known, cost what they cost: on a run of n steps their share is about ``2 * cost / n``.

Timing is the training thread's CPU time (``time.thread_time``): on a machine busy with other
work, wall time counted the moments the thread waited for a core (or, beside a GUI, for the
GIL) as the sample's cost or a plain step's, and the chosen interval wandered with the load.
The clock is read only at the steps that need it (a sampled one and the few timed after it).
On a GPU it is the host's time to launch the sample's kernels, which is what a small,
launch-bound model pays; a plain step there is measured the same way, between two starts.
"""

from __future__ import annotations

import itertools
import math
import statistics
import time

MEASURE_STEPS = 4  # plain steps timed after each sample (the shortest counts)
#: The longest interval between samples (steps), whatever a sample costs: a layer that goes
#: wrong is seen within this many steps (as before the budget: 1000).
MAX_EVERY = 1000


class SampleBudget:
    """The global steps at which to sample: every ``every`` steps (fixed), or, with
    ``every=None``, chosen so that sampling takes at most about ``share`` of the run."""

    def __init__(self, every: int | None, *, share: float, first: int, whole: bool) -> None:
        self.auto = every is None
        self.every = first if every is None else max(1, int(every))
        self.share, self.first, self.whole = share, first, whole
        self.next = 1  # global step of the next sample
        self.origin: int | None = None  # global step of the first sample of the ledger
        self.last: int | None = None  # global step of the last sample
        self.spent = 0.0  # the samples' measured cost so far, in plain steps
        self.costs: list[float] = []  # the last few samples' cost, in plain steps
        self._pending: tuple[int, float, float] | None = None  # (step, own s, whole step s)
        self._marks: list[float] = []  # starts of the plain steps after the pending sample
        self._charged = 0.0  # seconds charged since the last measured sample
        self._t_step = 0.0  # start of the current step

    def begin(self, first_step: int) -> None:
        """A run (or its continuation) starts at global step ``first_step``: a fixed interval
        keeps its steps (1, 1 + every, ...); a measured one continues its ledger, unless a
        checkpoint from before its last sample was loaded: then it starts afresh."""
        self._marks = []  # a run's set-up is no plain step (a pending sample stays pending)
        if not self.auto:
            self.next = first_step + (1 - first_step) % self.every
        elif self.last is not None and first_step <= self.last:
            self.next, self.origin, self.spent, self.costs = first_step, None, 0.0, []
            self.last, self._pending = None, None

    def due(self, step: int) -> bool:
        """Whether global step ``step`` (1-based) is sampled; called once at the start of every
        step (it times the plain steps after a sample)."""
        if self._pending is None and step < self.next:
            return False
        now = time.thread_time()
        if self._pending is not None:
            self._marks.append(now)
            if len(self._marks) > MEASURE_STEPS:
                self._decide()
        self._t_step = now
        return step >= self.next

    def sampled(self, step: int, own: float) -> None:
        """Global step ``step`` was sampled, its sampler's own code taking ``own`` seconds."""
        whole = time.thread_time() - self._t_step
        self.next, self.last = step + self.every, step
        if not self.auto:
            return
        if self.origin is None:  # the first sample: not measured (see the module's doc)
            self.origin = step
            return
        if not self.costs and self._pending is None:  # the second counts for the first too
            self._charged = 0.0
        self._pending = (step, own, whole)
        self._marks = []

    def charge(self, seconds: float) -> None:
        """Work done for the samples elsewhere (at a flush): counted with the next sample."""
        self._charged += seconds

    def _decide(self) -> None:
        assert self._pending is not None and self.origin is not None  # set by sampled()
        step, own, whole = self._pending
        marks = self._marks
        plain = min(b - a for a, b in itertools.pairwise(marks))
        if plain <= 0.0:
            # A clock too coarse to time one step (Windows' thread time ticks every 15.6 ms):
            # no decision; the interval stays as it is and the next sample is measured again.
            self._pending, self._marks, self._charged = None, [], 0.0
            self.next = step + self.every
            return
        seconds = max(own, whole - plain) if self.whole else own
        cost = (seconds + self._charged) / plain
        self._pending, self._marks, self._charged = None, [], 0.0
        self.spent += cost if self.costs else 2 * cost  # the first counts as the second
        self.costs = [*self.costs[-2:], cost]
        wanted = max(self.first, math.ceil(statistics.median(self.costs) / self.share))
        wanted = min(wanted, MAX_EVERY)
        if wanted > self.every or wanted < self.every // 2:
            self.every = wanted
        # The ledger: the next sample (of about the median cost) keeps the whole within share.
        expected = statistics.median(self.costs)
        affordable = self.origin - 1 + math.ceil((self.spent + expected) / self.share)
        self.next = min(max(step + self.every, affordable), step + MAX_EVERY)


__all__ = ["MAX_EVERY", "MEASURE_STEPS", "SampleBudget"]
