"""Result values that read as text and still know their datatype.

A query row maps each variable to a ``str``: the IRI or the literal's lexical form, what CSV
writes and what every comparison in the project expects. A literal of a number, date or
boolean datatype comes back as a ``Typed`` string instead, which is equal to the same text
but remembers its XSD datatype, so JSON, XLSX and pandas can show it as a number or a date
(``python_value``). Plain strings and IRIs stay plain ``str``: a listing of a hundred
thousand rows costs no more than before.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from functools import cache

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_REALS = {XSD + "decimal", XSD + "double", XSD + "float"}
_DATES = {XSD + "date", XSD + "dateTime", XSD + "boolean"}
TYPED_DATATYPES = frozenset(_INTEGERS | _REALS | _DATES)


class Typed(str):
    """A literal's lexical form that remembers its datatype (see ``typed``)."""

    __slots__ = ()
    datatype = ""


@cache
def _cell_class(datatype: str) -> type[Typed]:
    name = "Typed_" + datatype.rsplit("#", 1)[-1]
    return type(name, (Typed,), {"__slots__": (), "datatype": datatype})


def typed(text: str, datatype: str | None) -> str:
    """``text`` as a ``Typed`` string when ``datatype`` is a number, date or boolean."""
    if datatype in TYPED_DATATYPES:
        return _cell_class(datatype)(text)
    return text


def python_value(cell: object) -> object:
    """A result cell as Python: int, float (a decimal with a fraction), date, datetime or
    bool for typed literals; the text itself otherwise (and when it does not parse)."""
    if not isinstance(cell, Typed):
        return cell
    text, datatype = str(cell), cell.datatype
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _REALS:
            number = Decimal(text)
            return int(number) if number == number.to_integral_value() else float(number)
        if datatype == XSD + "date":
            return datetime.date.fromisoformat(text[:10])
        if datatype == XSD + "dateTime":
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if datatype == XSD + "boolean":
            return text in ("true", "1")
    except (ValueError, InvalidOperation):
        return text
    return text


def json_value(cell: object) -> object:
    """A result cell for JSON: numbers and booleans as such, dates as ISO text."""
    value = python_value(cell)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


__all__ = ["TYPED_DATATYPES", "Typed", "json_value", "python_value", "typed"]
