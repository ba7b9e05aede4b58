"""The campaign ledger: the commitment inventory (自查建账), ledger entries and their rectification
(整治督办), progress against the plan's targets and the monthly report (验收追责).

Modules: ``commitments`` (extraction), ``inventory`` / ``inventory_eval`` (the inventory and its
measurement), ``book`` (``Ledger``: entries, history, sync), ``fields`` (columns), ``sheets`` (the
附件1/2/3 workbook: ``ledger_sheets(workbook, entries)``, export, import), ``progress``, ``monthly``,
``chart``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ledger_sheets"]


def __getattr__(name: str) -> Any:
    if name == "ledger_sheets":  # for report writers; imported lazily (openpyxl)
        from .sheets import ledger_sheets

        return ledger_sheets
    raise AttributeError(name)
