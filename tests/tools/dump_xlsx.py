"""An independent reader for the copy tests: every cell of every sheet of an .xlsx, as openpyxl sees it.

    python3 dump_xlsx.py FILE  ->  JSON {sheet: {"A1": [value, number_format, fill, font, bold, italic, wrap, locked, quote_prefix]}}
"""
import json
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")


def color(c):
    if c is None:
        return None
    return c.rgb if isinstance(c.rgb, str) else str(c.theme)


def main(path):
    wb = openpyxl.load_workbook(path, keep_vba=path.endswith(".xlsm"))
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                fill = color(c.fill.fgColor) if c.fill is not None and c.fill.fill_type else None
                cells[c.coordinate] = [
                    c.value if isinstance(c.value, (str, int, float, bool)) or c.value is None else str(c.value),
                    c.number_format,
                    fill,
                    c.font.name,
                    bool(c.font.b),
                    bool(c.font.i),
                    bool(c.alignment.wrap_text),
                    bool(c.protection.locked),
                    bool(c.quotePrefix),
                ]
        out[ws.title] = {
            "cells": cells,
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "hyperlinks": sorted((h.ref, h.location or h.target or "") for h in ws._hyperlinks),
            "rowBreaks": [b.id for b in ws.row_breaks.brk],
            "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height is not None},
        }
    print(json.dumps(out, ensure_ascii=False, default=str))


main(sys.argv[1])
