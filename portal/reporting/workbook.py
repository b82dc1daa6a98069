"""The evaluator's export as one XLSX workbook: a sheet per row table (the same rows and
pseudonyms as the CSV files), the figures with small cells suppressed, and the data
dictionary. Written in openpyxl's write-only mode, row by row, so a national export does
not build every cell in memory first.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from portal.reporting import dictionary, export
from portal.reporting.figures import Filters
from portal.reporting.labels import Labels

DICTIONARY_SHEET = "data_dictionary"


def _append(sheet: WriteOnlyWorksheet, row: Sequence[Any]) -> None:
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=export.neutralise(value))
        if isinstance(cell.value, str):
            # A string cell is never read as a formula, whatever it begins with.
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)


def _sheet(
    book: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    sheet = book.create_sheet(title)
    _append(sheet, header)
    for row in rows:
        _append(sheet, row)


def workbook(session: Session, filters: Filters, key: bytes, lb: Labels) -> bytes:
    """The whole export as XLSX bytes: the row tables, ``figures`` and the dictionary."""
    book = Workbook(write_only=True)
    for name, (header, _) in export.TABLES.items():
        _sheet(book, name, header, export.table_rows(session, name, filters, key))
    _sheet(book, "figures", dictionary.header("figures"), export.aggregate_rows(session, filters))
    _sheet(book, DICTIONARY_SHEET, dictionary.HEADER, dictionary.rows(session, lb))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
