"""The wizard's pages and how to move between them, without Qt (engineering notes §2).

The UI asks this module which page comes next and how to reach a page picked in the side
list; the rules are tested here with plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class PageInfo:
    id: int
    key: str
    title: str
    purpose: str


PAGES: tuple[PageInfo, ...] = (
    PageInfo(0, "start", "開始", "新しいケースを作るか、保存したケースを開きます。基準日と申込予定日もここで決めます。"),
    PageInfo(1, "company", "会社概要", "会社の基本情報と、今回の目的（解除・新規融資・事業承継・創業）を入力します。"),
    PageInfo(2, "lenders", "取引金融機関", "借入ごとに、金融機関・残高・経営者保証と担保の状況を入力します。"),
    PageInfo(3, "financials", "決算", "直近2〜3期の決算の数字を入力します。指標は入力に合わせてその場で計算されます。"),
    PageInfo(4, "governance", "ガバナンス・チェック",
             "ガイドラインの要件とチェックシートを確かめます。数字で決まる項目は自動で判定されます。"),
    PageInfo(5, "routes", "制度の選択", "各制度の判定・理由・費用の概算・足りない点を確かめ、進める制度を選びます。"),
    PageInfo(6, "negotiation", "交渉の準備", "金融機関への依頼内容、改善の行動計画、説明のお願いの宛先を整えます。"),
    PageInfo(7, "output", "出力", "結果の要約を確かめ、交渉資料（PDF）を保存・印刷します。"),
)

PAGE_IDS: dict[str, int] = {p.key: p.id for p in PAGES}
LAST_PAGE = PAGES[-1].id


def page(key: str) -> PageInfo:
    return PAGES[PAGE_IDS[key]]


def next_page(current: int, jump_target: int | None = None) -> int:
    """The page Next leads to (-1 after the last page); a pending side-list jump wins until
    it has been reached."""
    if jump_target is not None and jump_target != current:
        return jump_target
    return current + 1 if current < LAST_PAGE else -1


@dataclass(frozen=True)
class JumpPlan:
    """How to reach a page: go Back `steps` times through the history, or jump forward to it."""

    direction: Literal["stay", "back", "forward"]
    steps: int = 0


def jump_plan(history: list[int], target: int) -> JumpPlan:
    """Reach `target` from the last page of `history` (the wizard's visited pages, in order).

    A page already in the history is reached by going back to it, because a wizard cannot
    visit the same page twice in one history; any other page is reached by one forward jump.
    """
    if target not in PAGE_IDS.values():
        raise ValueError(f"no such page: {target}")
    if history and history[-1] == target:
        return JumpPlan("stay")
    if target in history:
        return JumpPlan("back", len(history) - 1 - history.index(target))
    return JumpPlan("forward")
