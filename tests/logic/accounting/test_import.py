"""Reading accounting exports into a period: every layout round-trips the demo figures, bad files
get a Japanese message naming file (and line), nothing enters the case before it is confirmed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.logic.accounting.mapping import (
    IGNORE,
    apply_import,
    build_preview,
    load_account_map,
    preview_lines,
)
from desktop.logic.accounting.statements import StatementError, read_statement
from desktop.logic.case.amounts import Unit
from desktop.logic.case.demo import demo_cases
from desktop.logic.case.model import PERIOD_FIELDS, Case, Period
from tests.logic.accounting import layouts

# Not in a BS/PL (配当 comes from the SS); 仮払金 needs the adviser's word (see the review test).
NOT_IMPORTED = {"dividends_yen", "other_receivables_from_representative_yen"}
PERIODS = [(stem, index, p) for stem, case in demo_cases().items() for index, p in enumerate(case.sorted_periods())]


def expected(p: Period) -> dict[str, int]:
    return {key: getattr(p, key) for key, _ in PERIOD_FIELDS if key not in NOT_IMPORTED and getattr(p, key) is not None}


def write(tmp_path: Path, files: dict[str, bytes]) -> list[Path]:
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.mark.parametrize("layout", ["yayoi", "freee", "tkc"])
@pytest.mark.parametrize(("stem", "index", "period"), PERIODS, ids=[f"{s}-{i}" for s, i, _ in PERIODS])
def test_every_vendor_layout_reads_back_the_demo_figures(tmp_path: Path, layout: str, stem: str, index: int,
                                                          period: Period) -> None:
    [path] = write(tmp_path, {f"{layout}.csv": getattr(layouts, layout)(period)})
    statement = read_statement(path, Unit.YEN)
    preview = build_preview([statement])
    assert preview.values() == expected(period)
    assert not preview.problems
    # The subtotal rows (流動資産合計, 販売費及び一般管理費合計) are neither counted nor "unread".
    assert "流動資産合計" not in {r.name for r in preview.unread}


@pytest.mark.parametrize(("stem", "index", "period"), PERIODS, ids=[f"{s}-{i}" for s, i, _ in PERIODS])
def test_etax_bs_pl_sc_files_read_back_the_demo_figures_and_their_period(tmp_path: Path, stem: str, index: int,
                                                                        period: Period) -> None:
    statements = [read_statement(path) for path in write(tmp_path, layouts.etax(period))]
    assert all(s.layout == "etax" and s.unit is Unit.YEN for s in statements)
    assert {s.period_end for s in statements} == {period.fiscal_year_end}
    assert build_preview(statements).values() == expected(period)


def test_depreciation_adds_the_sga_and_manufacturing_rows_and_warns_when_the_sc_file_is_missing(
        tmp_path: Path) -> None:
    period = demo_cases()["healthy"].sorted_periods()[0]
    files = layouts.etax(period)
    statements = [read_statement(p) for p in write(tmp_path, files)]
    preview = build_preview(statements)
    assert [r.file for r in preview.fields["depreciation_yen"].rows] == ["HOT010_3.0_PL.csv", "HOT010_3.0_SC.csv"]
    pl_only = build_preview([s for s in statements if s.path.name.endswith("PL.csv")] +
                            [s for s in statements if s.path.name.endswith("BS.csv")])
    assert pl_only.values()["depreciation_yen"] < period.depreciation_yen
    # The PL itself does not name 製造原価 in the e-Tax layout, so the warning rests on the SC rows; a
    # vendor report that names 当期製品製造原価 but has one 減価償却費 row warns.
    one_row = [r for r in statements[2].rows if r.name != "減価償却費"]
    sc_without = type(statements[2])(statements[2].path, one_row, Unit.YEN, "etax", [])
    warned = build_preview([statements[0], statements[1], sc_without])
    assert any("製造原価の減価償却費" in w for w in warned.warnings)


def test_thousand_yen_report_is_read_in_yen(tmp_path: Path) -> None:
    period = demo_cases()["healthy"].sorted_periods()[0]
    [path] = write(tmp_path, {"mf.csv": layouts.mf_thousand(period)})
    statement = read_statement(path)
    assert statement.unit is Unit.THOUSAND
    assert build_preview([statement]).values() == expected(period)


def test_judgement_accounts_are_listed_not_counted_until_assigned(tmp_path: Path) -> None:
    period = demo_cases()["succession"].sorted_periods()[0].model_copy(
        update={"other_receivables_from_representative_yen": 1_500_000})
    [path] = write(tmp_path, {"freee.csv": layouts.freee(period)})
    statement = read_statement(path, Unit.YEN)
    preview = build_preview([statement])
    assert "other_receivables_from_representative_yen" not in preview.values()
    assert [(r.row.name, r.suggested) for r in preview.review] == [
        ("仮払金", "other_receivables_from_representative_yen")]
    assert any("要判断：仮払金" in line for line in preview_lines(preview, None))
    assigned = build_preview([statement], {"仮払金": "other_receivables_from_representative_yen"})
    assert assigned.values()["other_receivables_from_representative_yen"] == 1_500_000
    assert not assigned.review
    ignored = build_preview([statement], {"仮払金": IGNORE})
    assert not ignored.review and "仮払金" not in {r.name for r in ignored.unread}


def test_an_unknown_account_is_reported_and_a_loss_row_counts_negative(tmp_path: Path) -> None:
    text = "勘定科目,期末残高\n売上高,1000\n営業損失,200\n雑収入,30\n経常損失,170\n資産合計,500\n"
    path = tmp_path / "pl.csv"
    path.write_text(text, encoding="utf-8")
    preview = build_preview([read_statement(path, Unit.YEN)])
    assert preview.values()["operating_profit_yen"] == -200
    assert preview.values()["ordinary_profit_yen"] == -170
    assert [r.name for r in preview.unread] == ["雑収入"]


def test_balance_check_warns_and_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "bs.csv"
    path.write_text("勘定科目,期末残高\n資産合計,1000\n負債合計,600\n純資産合計,300\n", encoding="utf-8")
    preview = build_preview([read_statement(path, Unit.YEN)])
    assert preview.values()["total_assets_yen"] == 1000
    assert any("一致しません" in w for w in preview.warnings)


@pytest.mark.parametrize(("content", "message"), [
    (b"%PDF-1.7\n...", "PDFファイルです"),
    (b"\x82\xa0\xff\xfe\x00\x01", "CSV）ではありません"),
    ("タイトル\n名前,値\nあ,1\n".encode(), "見出し行"),
    (b"\xff\xfe\xfa" * 100, "文字コードを判別できません"),
    (b"", "中身が空です"),
    ("勘定科目,期末残高\n見出しだけ,\n".encode(), "金額の行がありません"),
])
def test_bad_files_get_a_japanese_message_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "決算.csv"
    path.write_bytes(content)
    with pytest.raises(StatementError, match=message) as raised:
        read_statement(path)
    assert str(raised.value).startswith("決算.csv")


def test_ten_megabytes_of_noise_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(b"a,b\n" * (10 * 1024 * 1024 // 4))
    with pytest.raises(StatementError, match="大きすぎます"):
        read_statement(path)


def test_an_unreadable_amount_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tb.csv"
    path.write_text("会社名 テスト\n勘定科目,期末残高\n売上高,1,2,3\n売掛金,12x\n", encoding="utf-8")
    statement = read_statement(path, Unit.YEN)
    assert statement.problems == ["4行目「売掛金」の金額「12x」を読み取れませんでした。"]


def test_apply_adds_a_period_keeps_other_figures_and_remembers_assignments() -> None:
    case = Case.new(dt.date(2026, 11, 27))
    case.periods = [Period(fiscal_year_end=dt.date(2025, 3, 31), dividends_yen=5)]
    message = apply_import(case, dt.date(2025, 3, 31), {"revenue_yen": 100, "cash_yen": None},
                           {"仮払金": "other_receivables_from_representative_yen"})
    assert case.periods[0].revenue_yen == 100 and case.periods[0].dividends_yen == 5
    assert case.account_mapping == {"仮払金": "other_receivables_from_representative_yen"}
    assert "1 項目" in message
    apply_import(case, dt.date(2026, 3, 31), {"revenue_yen": 7}, {})
    assert [p.fiscal_year_end.year for p in case.periods] == [2026, 2025]


def test_apply_refuses_a_fourth_period_and_a_negative_balance_leaving_the_case_alone() -> None:
    case = Case.new(dt.date(2026, 11, 27))
    case.periods = [Period(fiscal_year_end=dt.date(y, 3, 31)) for y in (2026, 2025, 2024)]
    before = case.model_copy(deep=True)
    with pytest.raises(ValueError, match="3期まで"):
        apply_import(case, dt.date(2023, 3, 31), {"revenue_yen": 1}, {})
    with pytest.raises(ValueError, match="マイナスにできません"):
        apply_import(case, dt.date(2026, 3, 31), {"revenue_yen": 5, "cash_yen": -1}, {})
    assert case == before


def test_the_mapping_table_names_only_real_fields_and_compiles() -> None:
    fields = load_account_map().fields
    assert set(fields) <= {key for key, _ in PERIOD_FIELDS}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=6),
       st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=6),
       st.sampled_from(["triangle", "paren", "etax"]), st.sampled_from([",", "\t"]))
def test_any_names_and_amounts_read_back_or_fail_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                                         names: list[str], amounts: list[int], style: str,
                                                         delimiter: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.csv"
    rows = [["勘定科目", "期末残高"]] + [[n, layouts._sign(a, style)] for n, a in zip(names, amounts)]
    path.write_text(layouts._csv(rows, delimiter), encoding="utf-8")
    try:
        statement = read_statement(path, Unit.YEN)
    except StatementError as exc:
        assert str(exc).startswith("x.csv")
        return
    read = {(r.name, r.amount) for r in statement.rows if r.amount is not None}
    for name, amount in zip(names, amounts):
        folded = layouts_fold(name)
        if folded and (folded, amount) not in read:
            # Only a name the CSV cannot carry whole (quotes) or a problem line may be missing.
            assert statement.problems or '"' in name


def layouts_fold(name: str) -> str:
    from desktop.logic.accounting.statements import fold

    return fold(name)


def test_a_folder_or_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "決算.csv"
    folder.mkdir()
    with pytest.raises(StatementError, match="通常のファイルではありません"):
        read_statement(folder)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.csv"
        os.mkfifo(pipe)
        with pytest.raises(StatementError, match="通常のファイルではありません"):
            read_statement(pipe)
