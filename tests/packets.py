"""The demo packets and the shapes of case the packet must cope with, each built once per test
process and audience and shared by every module that reads them.

The same case and audience always give the same bytes (invariant=1, test_packet.py checks it),
so a packet built once stands for every build of it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.model import Action, Case, Company, Loan, Negotiation, Succession
from desktop.logic.packet.build import Audience, build_packet
from desktop.logic.rules.evaluation import Assessment, evaluate
from tests import builders

DEMOS = ["healthy", "succession", "startup"]


@cache
def demo_assessment(name: str) -> Assessment:
    return evaluate(demo_cases()[name])


@cache
def demo_packet(name: str, audience: Audience = "bank") -> bytes:
    return build_packet(demo_assessment(name), audience)


LONG_NAME = "株式会社北関東総合建設工業ホールディングス技術研究開発センター浜松町第二事業本部"  # 40 characters


def stress_case() -> Case:
    """Every list at its realistic maximum: a 40-character name, 3 lenders, 3 periods, 20 actions."""
    assert len(LONG_NAME) == 40
    base = builders.case()
    lenders = ["株式会社みちのく第一地方銀行", "北関東信用金庫", "日本政策金融公庫"]
    actions = [Action(item_id="GL-3.3" if i % 2 else "GL-1.6",
                      action=f"取り組み{i:02d}：月次の試算表と資金繰り表を作成し、取引金融機関の担当者へ毎月報告する",
                      owner="経理部長・顧問税理士", due=dt.date(2027, 1 + i % 12, 28)) for i in range(20)]
    return base.model_copy(update={
        "company": base.company.model_copy(update={"name": LONG_NAME,
                                                   "representative_names": ["山田 太郎", "山田 花子"]}),
        "loans": [Loan(lender=name, lender_kind=kind, balance_yen=balance, collateral="real_estate")
                  for name, kind, balance in zip(lenders, ["bank", "shinkin", "jfc"],
                                                 [1_234_567_890, 98_765_432, 5_000_000], strict=True)],
        "negotiation": Negotiation(counterparty=lenders[0], branch="宇都宮中央支店営業第二部", actions=actions,
                                   contact_person="法人営業第三課 課長代理 佐々木様"),
    })


def startup_one_period() -> Case:
    base = builders.case(periods=[builders.period(2026)])
    company = base.company.model_copy(update={"incorporated_on": dt.date(2025, 2, 1)})
    return base.model_copy(update={"company": company})


def succession_case() -> Case:
    base = builders.case()
    situation = base.situation.model_copy(update={
        "succession": Succession(status="planned", planned_by=dt.date(2028, 4, 1), has_cgc_plan_form=True)})
    return base.model_copy(update={"situation": situation})


SHAPES = {
    "no-periods": lambda: builders.case(periods=[], company=Company(name="株式会社創業準備", founding_planned=True)),
    "three-periods": builders.case,
    "startup-one-period": startup_one_period,
    "succession": succession_case,
    "stress": stress_case,
}


@cache
def shape_assessment(name: str) -> Assessment:
    return evaluate(SHAPES[name]())


@cache
def shape_packet(name: str, audience: Audience = "bank") -> bytes:
    return build_packet(shape_assessment(name), audience)


# Every demo and every shape by one name, for the checks run on all of them.
CASES = [f"demo-{name}" for name in DEMOS] + [f"shape-{name}" for name in SHAPES]


def case_assessment(case: str) -> Assessment:
    kind, name = case.split("-", 1)
    return demo_assessment(name) if kind == "demo" else shape_assessment(name)


def case_packet(case: str, audience: Audience) -> bytes:
    kind, name = case.split("-", 1)
    return demo_packet(name, audience) if kind == "demo" else shape_packet(name, audience)
