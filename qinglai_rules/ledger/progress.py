"""Progress against the plan's targets (验收追责): the share of items rectified per region or
department as of a date, overdue items, and the month-by-month curve.

The ledger's state at any past date is replayed from its append-only history (status and deadline
of each entry, and when it entered the ledger), so a report as of 2019-12-31 made later still counts
what was true that day. Dates are Beijing dates.

Targets (configurable): at least 50 % rectified by 2019-12-31, all by 2020-12-31 — the plan's
“2019年底前…整治比例不低于50%，力争于2020年底前全部整治完毕”.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..store.ledger import HistoryRow
from .book import LedgerEntry, local_date
from .fields import OVERDUE

RECTIFIED = "已整改"
IN_PROGRESS = "整改中"
NOT_STARTED = "未整改"
GROUPINGS = ("region", "department")


@dataclass(frozen=True)
class Target:
    date: dt.date
    share: float

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} 前 ≥{self.share:.0%}"


DEFAULT_TARGETS: tuple[Target, ...] = (Target(dt.date(2019, 12, 31), 0.5), Target(dt.date(2020, 12, 31), 1.0))


def parse_target(text: str) -> Target:
    """2019-12-31:0.5 / 2019-12-31:50% / 2019-12-31=50."""
    match = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})\s*[:=]\s*(\d+(?:\.\d+)?)\s*(%?)\s*", text)
    if not match:
        raise ValueError(f"目标 {text!r} 无法识别（写成 2019-12-31:50%）")
    share = float(match.group(2))
    if match.group(3) or share > 1:
        share /= 100
    if not 0 < share <= 1:
        raise ValueError(f"目标比例 {text!r} 应在 0 与 100% 之间")
    return Target(dt.date.fromisoformat(match.group(1)), share)


def month_end(month: str) -> dt.date:
    """2019-11 → 2019-11-30."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"月份 {month!r} 应写成 YYYY-MM")
    year, number = int(match.group(1)), int(match.group(2))
    return dt.date(year, number, calendar.monthrange(year, number)[1])


class Timeline:
    """Each entry's status and deadline on any date, from the history."""

    def __init__(self, history: Iterable[HistoryRow]) -> None:
        self._events: dict[int, dict[str, list[tuple[dt.date, str | None]]]] = {}
        self._rectified_on: dict[int, list[dt.date]] = {}
        for row in sorted(history, key=lambda r: r.id):
            if row.field not in ("status", "deadline"):
                continue
            day = local_date(row.changed_at)
            self._events.setdefault(row.entry_id, {}).setdefault(row.field, []).append((day, row.new_value))
            if row.field == "status" and row.new_value == RECTIFIED:
                self._rectified_on.setdefault(row.entry_id, []).append(day)

    def _value(self, entry_id: int, name: str, day: dt.date) -> str | None:
        value = None
        for when, new in self._events.get(entry_id, {}).get(name, []):
            if when > day:
                break
            value = new
        return value

    def exists(self, entry_id: int, day: dt.date) -> bool:
        events = self._events.get(entry_id, {}).get("status")
        return bool(events) and events[0][0] <= day

    def created_on(self, entry_id: int) -> dt.date | None:
        events = self._events.get(entry_id, {}).get("status")
        return events[0][0] if events else None

    def status(self, entry_id: int, day: dt.date) -> str | None:
        """未整改/整改中/已整改/逾期 on ``day``; None when the entry was not in the ledger yet."""
        status = self._value(entry_id, "status", day)
        if status is None:
            return None
        deadline = self._value(entry_id, "deadline", day)
        if status != RECTIFIED and deadline and deadline < day.isoformat():
            return OVERDUE
        return status

    def rectified_between(self, entry_id: int, start: dt.date, end: dt.date) -> dt.date | None:
        """The day the entry became 已整改 within [start, end] and stayed so at ``end``."""
        if self.status(entry_id, end) != RECTIFIED:
            return None
        days = [day for day in self._rectified_on.get(entry_id, []) if start <= day <= end]
        return days[-1] if days else None

    def first_day(self) -> dt.date | None:
        days = [events[0][0] for fields in self._events.values() for events in fields.values() if events]
        return min(days) if days else None


@dataclass
class Counts:
    total: int = 0
    rectified: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0

    @property
    def share(self) -> float:
        return self.rectified / self.total if self.total else 0.0

    def add(self, status: str) -> None:
        self.total += 1
        if status == RECTIFIED:
            self.rectified += 1
        elif status == OVERDUE:
            self.overdue += 1
        elif status == IN_PROGRESS:
            self.in_progress += 1
        else:
            self.not_started += 1


@dataclass
class Checkpoint:
    target: Target
    share: float  # share rectified on the target date
    met: bool  # also True when the unit had no item yet on that date (see ``total``)
    total: int = 0  # items in the ledger on the target date

    @property
    def verdict(self) -> str:
        if self.total == 0:
            return "当时无事项"
        return f"{self.share:.0%} {'达标' if self.met else '未达标'}"


@dataclass
class UnitProgress:
    unit: str
    counts: Counts
    checkpoints: list[Checkpoint] = field(default_factory=list)  # targets due on or before the as-of date
    next_target: Target | None = None
    needed: int = 0  # items still to rectify to reach the next target

    def to_json(self) -> dict[str, Any]:
        c = self.counts
        return {
            "unit": self.unit, "total": c.total, "rectified": c.rectified, "in_progress": c.in_progress,
            "not_started": c.not_started, "overdue": c.overdue, "share": round(c.share, 4),
            "checkpoints": [{"date": p.target.date.isoformat(), "target": p.target.share, "share": round(p.share, 4),
                             "met": p.met, "total": p.total} for p in self.checkpoints],
            "next_target": ({"date": self.next_target.date.isoformat(), "target": self.next_target.share}
                            if self.next_target else None),
            "needed": self.needed,
        }


@dataclass
class ProgressReport:
    as_of: dt.date
    by: str
    targets: tuple[Target, ...]
    units: list[UnitProgress]
    total: UnitProgress
    overdue: list[tuple[LedgerEntry, str]]  # (entry, unit) overdue on the as-of date

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(), "by": self.by,
            "targets": [{"date": t.date.isoformat(), "share": t.share} for t in self.targets],
            "units": [u.to_json() for u in self.units], "total": self.total.to_json(),
            "overdue": [{"id": e.id, "unit": unit, "title": e.title, "deadline": e.deadline,
                         "responsible_unit": e.responsible_unit} for e, unit in self.overdue],
        }


def unit_of(entry: LedgerEntry, by: str) -> str:
    if by == "department":
        return entry.department or entry.responsible_unit or "（未填单位）"
    return entry.region or "（未填地区）"


def _unit_progress(unit: str, members: list[LedgerEntry], timeline: Timeline, as_of: dt.date,
                   targets: tuple[Target, ...]) -> UnitProgress:
    counts = Counts()
    for entry in members:
        status = timeline.status(entry.id, as_of)
        if status is not None:
            counts.add(status)
    result = UnitProgress(unit, counts)
    for target in sorted(targets, key=lambda t: t.date):
        if target.date <= as_of:
            then = Counts()
            for entry in members:
                status = timeline.status(entry.id, target.date)
                if status is not None:
                    then.add(status)
            met = then.total == 0 or then.share >= target.share
            result.checkpoints.append(Checkpoint(target, then.share, met, then.total))
        elif result.next_target is None:
            result.next_target = target
            result.needed = max(0, math.ceil(target.share * counts.total - 1e-9) - counts.rectified)
    return result


def progress(entries: Iterable[LedgerEntry], history: Iterable[HistoryRow], as_of: dt.date,
             by: str = "region", targets: tuple[Target, ...] = DEFAULT_TARGETS) -> ProgressReport:
    if by not in GROUPINGS:
        raise ValueError(f"--by 只能是 {' 或 '.join(GROUPINGS)}")
    entries = list(entries)
    timeline = Timeline(history)
    groups: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        if timeline.exists(entry.id, as_of):
            groups.setdefault(unit_of(entry, by), []).append(entry)
    units = [_unit_progress(unit, members, timeline, as_of, targets) for unit, members in sorted(groups.items())]
    present = [e for members in groups.values() for e in members]
    total = _unit_progress("合计", present, timeline, as_of, targets)
    overdue = [(e, unit_of(e, by)) for e in present if timeline.status(e.id, as_of) == OVERDUE]
    overdue.sort(key=lambda pair: (pair[0].deadline or "", pair[0].id))
    return ProgressReport(as_of, by, targets, units, total, overdue)


def monthly_series(entries: Iterable[LedgerEntry], history: Iterable[HistoryRow], last: dt.date,
                   first: dt.date | None = None) -> list[tuple[str, Counts]]:
    """(YYYY-MM, counts at the month's end) from the month of the first history row to ``last``."""
    entries = list(entries)
    timeline = Timeline(history)
    start = first or timeline.first_day()
    if start is None:
        return []
    out = []
    year, month = start.year, start.month
    while (year, month) <= (last.year, last.month):
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        counts = Counts()
        for entry in entries:
            status = timeline.status(entry.id, end)
            if status is not None:
                counts.add(status)
        out.append((f"{year:04d}-{month:02d}", counts))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
