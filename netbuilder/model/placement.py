"""Where a new node goes: a free spot near where the user is looking, right after the node it
follows, or in line on the edge a fix splits. Pure geometry on (x, y, w, h) rectangles, so the
window and the one-click fixes share it and the tests check it without Qt.

Positions are snapped to whole scene pixels: a card placed at 412.37 would be "moved" to 412 by
the first plain click (the drag tracker compares rounded positions), an undo step for nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from netbuilder.model.graph import Graph
from netbuilder.model.layout import MARGIN, NODE_SIZE

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, width, height

#: Free space kept between a new card and its neighbours (x, y): room for an edge and its
#: shape label ("[N, 1, 28, 28]" is 100 px), the same as Auto-arrange keeps.
GAP = MARGIN
STEP = 20.0  # the canvas grid: candidate spots are tried on it
MAX_RINGS = 40


def snap(pos: Iterable[float]) -> Point:
    """``pos`` on whole scene pixels."""
    x, y = pos
    return (float(round(x)), float(round(y)))


def overlaps(a: Rect, b: Rect, gap: Point = (0.0, 0.0)) -> bool:
    """Whether ``a`` and ``b`` come closer than ``gap`` (x, y) to each other."""
    return (
        a[0] < b[0] + b[2] + gap[0]
        and b[0] < a[0] + a[2] + gap[0]
        and a[1] < b[1] + b[3] + gap[1]
        and b[1] < a[1] + a[3] + gap[1]
    )


def node_rects(graph: Graph, size: Point = NODE_SIZE, skip: Iterable[str] = ()) -> list[Rect]:
    """Every node of ``graph`` as a card of ``size`` (the model does not know real heights)."""
    left_out = set(skip)
    return [(n.pos[0], n.pos[1], size[0], size[1]) for n in graph if n.id not in left_out]


def free_spot(
    want: Point, rects: Iterable[Rect], size: Point = NODE_SIZE, gap: Point = GAP
) -> Point:
    """The spot nearest ``want`` (a top-left corner) where a card of ``size`` keeps ``gap``
    from every rectangle in ``rects``. Ties go right, then down: the way a network reads."""
    others = list(rects)
    w, h = size
    want = snap(want)

    def free(p: Point) -> bool:
        return not any(overlaps((p[0], p[1], w, h), r, gap) for r in others)

    if free(want):
        return want
    for ring in range(1, MAX_RINGS + 1):
        cells = [
            (i, j)
            for i in range(-ring, ring + 1)
            for j in range(-ring, ring + 1)
            if max(abs(i), abs(j)) == ring
        ]
        cells.sort(key=lambda c: (c[0] ** 2 + c[1] ** 2, c[0] < 0, c[1] < 0, -c[0]))
        for i, j in cells:
            p = (want[0] + i * STEP, want[1] + j * STEP)
            if free(p):
                return p
    right = max(r[0] + r[2] for r in others)
    return snap((right + gap[0], want[1]))


def after(src: Rect, rects: Iterable[Rect], size: Point = NODE_SIZE, gap: Point = GAP) -> Point:
    """A free spot for the node that follows ``src``: to its right, in line when there is room."""
    return free_spot((src[0] + src[2] + gap[0], src[1]), rects, size, gap)


def insert_on_edge(
    graph: Graph, src: str, dst: str, size: Point = NODE_SIZE, gap: Point = GAP
) -> tuple[Point, dict[str, Point]]:
    """Where a node inserted on the edge ``src -> dst`` goes, and the nodes moved for it.

    It sits in line between the two; when they are too close, ``dst`` and everything after it
    move right by the room needed. Returns (position, {node: new position}).
    """
    (sx, sy), (dx, dy) = graph.node(src).pos, graph.node(dst).pos
    pitch = size[0] + gap[0]
    moves: dict[str, Point] = {}
    if dx - sx >= 2 * pitch:
        pos = snap(((sx + dx) / 2, (sy + dy) / 2))
    else:
        pos = snap((sx + pitch, (sy + dy) / 2 if dx > sx else sy))
        if dx < sx + 2 * pitch and (dx > sx or abs(dy - sy) < size[1] + gap[1]):
            shift = sx + 2 * pitch - dx
            for n in {dst} | graph.descendants(dst):
                x, y = graph.node(n).pos
                moves[n] = snap((x + shift, y))
    # Everything where it will be once the moves are done; the new card keeps half a gap
    # from it, or goes to the nearest spot that does (a crowded drawing).
    rects = [(*moves.get(n.id, n.pos), size[0], size[1]) for n in graph]
    half = (gap[0] / 2, gap[1] / 2)
    if any(overlaps((pos[0], pos[1], size[0], size[1]), r, half) for r in rects):
        pos = free_spot(pos, rects, size, half)
    return pos, moves
