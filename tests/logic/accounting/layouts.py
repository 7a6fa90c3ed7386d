"""Writers of test files in each export layout that ../shared/domain/accounting-import.md describes.

What each layout rests on (so a test passing here proves only that much):
- e-Tax HOT010 Ver3.0 BS/PL/SC: row shape 科目名,金額,行区分,階層,勘定科目コード and the A/B/C1/C2 header
  rows are from public code [P]; the account codes are [P]; Shift_JIS is assumed for 財務諸表.
- 弥生-like 残高試算表: a title line, then headings, quoted, Shift_JIS. Documented for a similar
  product (ジョブカン会計) [C there]; for 弥生 itself the columns are [U] (assumed).
- freee-like 試算表: 期首残高/借方金額/貸方金額/期末残高/構成比 columns [C on freee's help page], UTF-8
  with BOM assumed [U].
- TKC-like 科目残高一覧表: tab-separated with 残高( 8. 9) and △ negatives — from an OSS fixture that
  says it is invented: weak evidence [U].
- MF-like 前期比較: 勘定科目,前期,当期 in 千円 — invented from the report's name [U].
Each splits fields into their accounts the way real statements do (現金 + 普通預金, 販管費 and 製造原価
減価償却費, 短期借入金 + 1年内返済予定の長期借入金), with subtotal rows that must not count twice.
"""

from __future__ import annotations

import csv
import io

from desktop.logic.case.model import Period


def _split(value: int | None) -> tuple[int, int]:
    """Two accounts adding up to value, each in whole thousands when value is (for 千円 reports)."""
    value = value or 0
    first = value // 3 // 1000 * 1000
    return first, value - first


def accounts(p: Period) -> list[tuple[str, int | None, str]]:
    """(科目, amount, e-Tax code or '') in statement order; '合計' rows included."""
    cash1, cash2 = _split(p.cash_yen)
    rec1, rec2 = _split(p.receivables_yen)
    inv1, inv2 = _split(p.inventory_yen)
    pay1, pay2 = _split(p.payables_yen)
    st1, st2 = _split(p.short_term_borrowings_yen)
    dep1, dep2 = _split(p.depreciation_yen)
    int1, int2 = _split(p.interest_dividend_income_yen)
    current = cash1 + cash2 + rec1 + rec2 + inv1 + inv2
    return [
        ("現金", cash1, ""), ("普通預金", cash2, ""), ("売掛金", rec1, "10A100090"), ("受取手形", rec2, "10A100060"),
        ("商品", inv1, ""), ("製品", inv2, ""),
        ("流動資産合計", current, "10A100010"),
        ("代表者貸付金", p.loans_to_representative_yen, ""),
        ("仮払金", p.other_receivables_from_representative_yen, "10A100850"),
        ("資産合計", p.total_assets_yen, "10A000020"),
        ("買掛金", pay1, "10B100040"), ("支払手形", pay2, "10B100030"),
        ("短期借入金", st1, "10B100790"), ("1年内返済予定の長期借入金", st2, ""),
        ("長期借入金", p.long_term_borrowings_yen, "10B200080"), ("社債", p.bonds_yen, ""),
        ("負債合計", p.total_liabilities_yen, "10B000020"),
        ("資本金", p.capital_stock_yen, "10C110010"),
        ("純資産合計", p.net_assets_yen, "10C000030"),
        ("売上高", p.revenue_yen, ""),
        ("役員報酬", p.officer_compensation_yen, "10E200090"),
        ("減価償却費", dep1, "10E200220"),
        ("販売費及び一般管理費合計", (p.officer_compensation_yen or 0) + dep1, ""),
        ("営業利益", p.operating_profit_yen, "10F000110"),
        ("受取利息", int1, "10D200020"), ("受取配当金", int2, "10D200040"),
        ("支払利息", p.interest_expense_yen, "10E300020"),
        ("経常利益", p.ordinary_profit_yen, "10F000130"),
        # 製造原価報告書 (e-Tax SC file; a section of the vendor reports)
        ("当期製品製造原価", 0, ""),
        ("減価償却費", dep2, "10E200220"),
    ]


def _csv(rows: list[list[str]], delimiter: str = ",", quote: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def _sign(value: int, style: str) -> str:
    if value >= 0:
        return f"{value:,}" if style != "etax" else str(value)
    return {"etax": f"-{-value}", "triangle": f"△{-value:,}", "paren": f"({-value:,})"}[style]


def etax(p: Period) -> dict[str, bytes]:
    """BS, PL and SC files (HOT010_3.0_*.csv), Shift_JIS."""
    rows = accounts(p)
    bs, pl, sc = rows[:19], rows[19:28], rows[28:]
    files = {}
    for kind, part, title in (("BS", bs, "貸借対照表"), ("PL", pl, "損益計算書"), ("SC", sc, "製造原価報告書")):
        lines = [["A", kind], ["B", "株式会社テスト"], ["C1", f"{p.fiscal_year_end.year - 1}/04/01"],
                 ["C2", f"{p.fiscal_year_end:%Y/%m/%d}"], [title]]
        lines.append(["資産の部" if kind == "BS" else "科目", "", "T", "2", "10A000010"])
        for number, (name, amount, code) in enumerate(part, start=1):
            if amount is None:
                continue
            lines.append([name, _sign(amount, "etax"), "1", "3", code or f"10Z{number:06d}"])
        files[f"HOT010_3.0_{kind}.csv"] = _csv(lines).encode("cp932")
    return files


def yayoi(p: Period) -> bytes:
    lines = [["残高試算表（期間）", f"{p.fiscal_year_end:%Y年%m月%d日}", "税抜", "単位：円"],
             ["出力帳票", "勘定科目", "前月繰越", "借方金額", "貸方金額", "期末残高", "構成比"]]
    lines += [["残高試算表", name, "0", "0", "0", _sign(amount, "triangle"), ""]
              for name, amount, _code in accounts(p) if amount is not None]
    return _csv(lines, quote=True).encode("cp932")


def freee(p: Period) -> bytes:
    lines = [["勘定科目", "期首残高", "借方金額", "貸方金額", "期末残高", "構成比"]]
    lines += [[name, "0", "0", "0", _sign(amount, "triangle"), "0.0%"]
              for name, amount, _code in accounts(p) if amount is not None]
    return ("\ufeff" + _csv(lines)).encode("utf-8")


def tkc(p: Period) -> bytes:
    lines = [["科目残高一覧表"], [],
             ["勘定科目名", "科目コード", "補助コード", "前残高( 8. 8)", "借方", "貸方", "残高( 8. 9)", "構成比"]]
    lines += [[name, str(100 + i), "", "0", "0", "0", _sign(amount, "triangle"), ""]
              for i, (name, amount, _code) in enumerate(accounts(p)) if amount is not None]
    return _csv(lines, delimiter="\t").encode("cp932")


def mf_thousand(p: Period) -> bytes:
    """Only figures that are whole thousands survive a 千円 report exactly."""
    lines = [["前期比較 貸借対照表・損益計算書", "（単位：千円）"], ["勘定科目", "前期", "当期"]]
    lines += [[name, "0", _sign(amount // 1000 if amount >= 0 else -(-amount // 1000), "paren")]
              for name, amount, _code in accounts(p) if amount is not None]
    return _csv(lines).encode("utf-8")
