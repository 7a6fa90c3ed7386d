"""The assessment as plain JSON-ready data (the `evaluate --json` output), with the spec's ids."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.indicators import EbitdaMultiple, PeriodIndicators


def _number(value: Fraction | None, digits: int = 4) -> float | None:
    # JSON consumers get rounded floats for display; decisions were taken on the exact Fraction.
    return None if value is None else round(float(value), digits)


def _ebitda(m: EbitdaMultiple | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"net_debt_yen": m.net_debt, "ebitda_yen": m.ebitda, "value": _number(m.value),
            "computable": m.computable, "includes_bonds": m.with_bonds}


def _period(p: PeriodIndicators) -> dict[str, Any]:
    r = p.ratios
    return {
        "fiscal_year_end": p.fiscal_year_end.isoformat(),
        "dbop_yen": p.dbop,
        "net_assets_yen": p.net_assets,
        "not_insolvent": p.not_insolvent,
        "asset_surplus": p.asset_surplus,
        "ebitda_multiple": _ebitda(p.ebitda),
        "equity_ratio": _number(r.equity_ratio),
        "net_asset_multiple": _number(r.net_asset_multiple),
        "return_on_assets": _number(r.return_on_assets),
        "interest_coverage": _number(r.interest_coverage),
        "representative_receivables_yen": p.representative_receivables,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def assessment_to_dict(a: Assessment) -> dict[str, Any]:
    ind = a.indicators
    lb = ind.local_benchmark
    return {
        "company": a.case.company.name,
        "assessment_date": a.case.assessment_date.isoformat(),
        "application_date": a.case.application_date.isoformat(),
        "rules_checked_on": a.rules_checked_on.isoformat(),
        "indicators": {
            "closed_periods": ind.closed_periods,
            "two_consecutive_dbop_losses": ind.two_dbop_losses,
            "periods": [_period(p) for p in ind.periods],
            "local_benchmark": {
                "sales_growth": _number(lb.sales_growth),
                "operating_margin": _number(lb.operating_margin),
                "labour_productivity_yen": _number(lb.labour_productivity, 0),
                "ebitda_multiple": _ebitda(lb.ebitda_multiple),
                "working_capital_months": _number(lb.working_capital_months),
                "equity_ratio": _number(lb.equity_ratio),
            },
        },
        "checksheet": [
            {"id": r.id, "label": r.label, "mode": r.item.mode, "status": r.status, "figure": r.figure,
             "overridden": r.overridden, "source": r.source}
            for r in a.checksheet.results.values()
        ],
        "routes": [
            {
                "id": r.route_id, "name": r.name, "verdict": r.verdict, "reason": r.reason, "source": r.source,
                "conditions": [asdict(c) for c in r.conditions],
                "fee": None if r.fee is None else _plain(asdict(r.fee)),
                "terms": r.terms, "notes": r.notes,
            }
            for r in a.routes
        ],
    }
