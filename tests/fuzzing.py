"""Fuzzed case files for the loader and evaluator, shared by the suite's bounded fuzz test and
tools/fuzz_loader.py (the long run).

Each input is made from a kind and a seed, so a failure is reproduced from two values. The
check is the project's promise for any file: it loads and evaluates, or it is refused with a
CaseFileError whose Japanese message names the file.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

from desktop.logic.case.dates import MAX_DATE, MIN_DATE
from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import CaseFileError, case_to_json_text, load_case
from desktop.logic.rules.evaluation import evaluate

KINDS = ("bytes", "values", "nested", "edits", "dates", "sizes")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_DATE_KEYS = ("assessment_date", "application_date", "incorporated_on", "sole_proprietor_started_on",
              "planned_by", "done_on", "previous_special_guarantee_on", "fiscal_year_end", "due")


def base_documents() -> list[dict[str, Any]]:
    return [json.loads(case_to_json_text(case)) for case in demo_cases().values()]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value could be replaced (dict keys, list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        doc = doc[step]
    doc[path[-1]] = value


def random_value(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(12 if depth < 3 else 9)
    if choice == 0:
        return None
    if choice == 1:
        return rng.random() < 0.5
    if choice == 2:
        return rng.choice([-1, 0, 1]) * rng.randrange(10 ** rng.randrange(1, 40))
    if choice == 3:
        return rng.choice([0.5, -0.0, 1e308, 12345.0, float("nan"), float("inf")])
    if choice == 4:
        return "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(0, 40)))
    if choice == 5:
        return f"{rng.randrange(1, 10000):04d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    if choice == 6:
        return rng.choice(["", "12_345", "１２３", "△100", "2026-02-30", "2026-13-01", "yes", "unknown", "bank",
                           "0000-00-00", "9999-12-31T23:59:59", "-1", "x" * rng.randrange(50, 3000)])
    if choice == 7:
        return rng.randrange(-3, 200)
    if choice == 8:
        return rng.choice(list(_DATE_KEYS))
    if choice == 9:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 5))]
    if choice == 10:
        return {str(random_value(rng, 3)): random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}
    return {"answer": "yes", "note": random_value(rng, depth + 1)}


def fuzz_input(kind: str, seed: int, bases: list[dict[str, Any]]) -> bytes:
    """One fuzzed file's bytes."""
    rng = random.Random(f"{kind}:{seed}")
    doc = json.loads(json.dumps(rng.choice(bases)))
    if kind == "bytes":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
    if kind == "values":
        paths = _paths(doc)
        for _ in range(rng.randrange(1, 6)):
            path = rng.choice(paths)
            try:
                if rng.random() < 0.15 and isinstance(path[-1], str):
                    parent = doc
                    for step in path[:-1]:
                        parent = parent[step]
                    parent.pop(path[-1], None)
                else:
                    _set(doc, path, random_value(rng))
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change removed this place
            paths = _paths(doc)
        if rng.random() < 0.2:
            doc[rng.choice(["extra", "format_version", "history", "answers"])] = random_value(rng)
        return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if kind == "nested":
        depth = rng.choice([10, 100, 500, 1000, 5000, 20000, 100000])
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        inner = opener * depth + "1" + closer * depth
        if rng.random() < 0.5:
            return inner.encode()
        _set(doc, rng.choice(_paths(doc)), "__nested__")  # deep inside an otherwise good case
        return json.dumps(doc).replace('"__nested__"', inner, 1).encode()
    if kind == "edits":
        data = bytearray(json.dumps(doc, ensure_ascii=False, indent=rng.choice([None, 2])).encode("utf-8"))
        for _ in range(rng.randrange(1, 8)):
            if not data:
                break
            at = rng.randrange(len(data))
            action = rng.randrange(4)
            if action == 0:
                data[at] = rng.randrange(256)
            elif action == 1:
                del data[at:at + rng.randrange(1, 20)]
            elif action == 2:
                data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
            else:
                del data[at:]
        return bytes(data)
    if kind == "dates":
        # Dates in every date field: mostly any day in the model's range (odd orders included:
        # founded after the application, year-ends in the future), some at and past its ends
        # and anywhere Python can hold, as the old date widgets allowed.
        edges = [dt.date(y, m, d) for y, m, d in ((1, 1, 1), (1867, 12, 31), (1868, 1, 1), (2100, 12, 31),
                                                  (2101, 1, 1), (9995, 6, 30), (9997, 1, 1), (9999, 12, 31))]
        span = (MAX_DATE - MIN_DATE).days
        for path in _paths(doc):
            if path and path[-1] in _DATE_KEYS:
                day = rng.choice(edges) if rng.random() < 0.05 else MIN_DATE + dt.timedelta(days=rng.randrange(span + 1))
                _set(doc, path, day.isoformat())
        return json.dumps(doc).encode()
    if kind == "sizes":
        # Texts and lists at and beyond the model's limits.
        size = rng.choice([99, 100, 101, 1999, 2000, 2001, 9999, 10000, 10001, 200_000])
        path = rng.choice([("company", "name"), ("negotiation", "notes"), ("company", "representative_names"),
                           ("loans",), ("history",), ("answers",)])
        if path[-1] in ("representative_names",):
            value: Any = ["代"] * (size // 100)
        elif path[-1] in ("loans", "history"):
            value = [doc[path[0]][0] if doc.get(path[0]) else {}] * (size // 100)
        elif path[-1] == "answers":
            value = {f"X-{n}": {"answer": "no", "note": "メ" * 10} for n in range(size // 100)}
        else:
            value = rng.choice(["株", "a", "\n", "𠮷"]) * size
        _set(doc, path, value)
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    raise ValueError(kind)


def check(data: bytes, file: Path) -> str:
    """'loaded' or 'refused'; anything else (a crash, a foreign error, an unnamed file) raises."""
    file.write_bytes(data)
    try:
        case = load_case(file)
    except CaseFileError as exc:
        message = str(exc)
        assert file.name in message and _JAPANESE.search(message), message
        return "refused"
    evaluate(case)
    return "loaded"
