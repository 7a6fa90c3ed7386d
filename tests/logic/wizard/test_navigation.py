import pytest

from desktop.logic.wizard import navigation as nav


def test_pages_follow_spec_order():
    assert [p.title for p in nav.PAGES] == [
        "開始", "会社概要", "取引金融機関", "決算", "ガバナンス・チェック", "制度の選択", "交渉の準備", "出力"]
    assert all(p.purpose for p in nav.PAGES)
    assert [p.id for p in nav.PAGES] == list(range(8))


def test_next_page_is_linear_and_ends_after_output():
    assert nav.next_page(0) == 1
    assert nav.next_page(6) == 7
    assert nav.next_page(7) == -1


def test_pending_jump_wins_over_linear_order():
    assert nav.next_page(1, jump_target=5) == 5
    assert nav.next_page(5, jump_target=5) == 6


def test_jump_to_page_in_history_goes_back():
    assert nav.jump_plan([0, 1, 2, 3], 1) == nav.JumpPlan("back", 2)
    assert nav.jump_plan([0, 5], 0) == nav.JumpPlan("back", 1)


def test_jump_to_unvisited_page_goes_forward_even_if_earlier():
    assert nav.jump_plan([0, 5], 3) == nav.JumpPlan("forward")
    assert nav.jump_plan([0], 7) == nav.JumpPlan("forward")


def test_jump_to_current_page_stays():
    assert nav.jump_plan([0, 4], 4) == nav.JumpPlan("stay")


def test_unknown_page_is_refused():
    with pytest.raises(ValueError):
        nav.jump_plan([0], 8)
