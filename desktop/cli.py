"""`hosho-navi`: the app with no arguments; headless subcommands for batch work and tests (SPEC §9).

Exit codes: 0 ok, 2 bad input (the message names the file and field), 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.logic.rules.evaluation import Assessment

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hosho-navi", description="経営者保証 解除ナビ")
    sub = parser.add_subparsers(dest="command")
    ev = sub.add_parser("evaluate", help="ケースを判定して結果を表示する")
    ev.add_argument("case", type=Path, help="ケースファイル（.hnavi）")
    ev.add_argument("--json", action="store_true", help="JSON で出力する")
    demo = sub.add_parser("demo", help="デモ用のケースを書き出す")
    demo.add_argument("-o", "--output", type=Path, required=True, help="書き出し先のフォルダー")
    _add_packet_parser(sub)
    imp = sub.add_parser("import", help="試算表・決算書の CSV から決算の数字を読み込む")
    imp.add_argument("case", type=Path, help="ケースファイル（.hnavi）")
    imp.add_argument("files", type=Path, nargs="+", help="会計ソフトや e-Tax から書き出した CSV")
    imp.add_argument("--period", help="決算日（例: 2026-03-31）。e-Tax の CSV なら省略できます")
    imp.add_argument("--unit", choices=["円", "千円", "百万円"], help="金額の単位（ファイルに書かれていない場合）")
    imp.add_argument("--assign", action="append", default=[], metavar="科目=項目",
                     help="科目の割り当て（例: 役員貸付金=loans_to_representative_yen、取り込まない場合は 科目=）")
    imp.add_argument("--yes", action="store_true", help="確認の上でケースに書き込む（省略時は表示だけ）")
    return parser


def _evaluate(args: argparse.Namespace) -> int:
    from desktop.logic.rules.json_export import assessment_to_dict
    from desktop.logic.case.files import load_case
    from desktop.logic.rules.console_report import render
    from desktop.logic.rules.evaluation import evaluate

    assessment = evaluate(load_case(args.case))
    if args.json:
        json.dump(assessment_to_dict(assessment), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(assessment))
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from desktop.logic.case.files import save_case
    from desktop.logic.case.model import FILE_SUFFIX
    from desktop.logic.case.demo import demo_cases

    out: Path = args.output
    _make_folder(out)
    for stem, case in demo_cases().items():
        target = out / f"{stem}{FILE_SUFFIX}"
        save_case(case, target)
        print(f"書き出しました: {target}")
    _write_demo_packets(out)
    return EXIT_OK


def _add_packet_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from desktop.logic.packet.build import AUDIENCE_LABELS

    packet = sub.add_parser("packet", help="交渉資料（PDF）を書き出す")
    packet.add_argument("case", type=Path, help="ケースファイル（.hnavi）")
    packet.add_argument("-o", "--output", type=Path, required=True, help="書き出す PDF ファイル")
    packet.add_argument("--audience", choices=list(AUDIENCE_LABELS), default="bank",
                        help="宛先: bank=金融機関向け（既定）, coordinator=経営者保証コーディネーター向け, "
                             "internal=社内控え, summary=一枚もの（経営者向けの要約、A4 1枚）")
    packet.add_argument("--addressee", help="宛名（例: 〇〇銀行 △△支店）。その金融機関のお借入れだけを記載します")
    packet.add_argument("--each-lender", action="store_true",
                        help="取引金融機関ごとに1部ずつ書き出す（-o は書き出し先のフォルダー）")


def _packet(args: argparse.Namespace) -> int:
    from desktop.logic.case.files import load_case
    from desktop.logic.packet.build import each_lender_targets, write_packet
    from desktop.logic.rules.evaluation import evaluate

    assessment = evaluate(load_case(args.case))
    if not args.each_lender:
        _check_output(args.output, args.case)
        _warn_missing_glyphs(assessment, args.addressee)
        write_packet(assessment, args.output, args.audience, args.addressee)
        print(f"書き出しました: {args.output}")
        return EXIT_OK
    # SPEC §7.1: one packet per lender, each listing only that lender's loans. Every name is
    # settled (distinct, file-safe, not the case file) before the first packet is written.
    _make_folder(args.output)
    lenders = list(dict.fromkeys(loan.lender.strip() for loan in assessment.case.loans if loan.lender.strip()))
    targets = each_lender_targets(args.output, args.case.stem, lenders)
    for _, target in targets:
        _check_output(target, args.case)
    _warn_missing_glyphs(assessment)
    for lender, target in targets:
        write_packet(assessment, target, args.audience, lender)
        print(f"書き出しました: {target}")
    return EXIT_OK


def _check_output(output: Path, case: Path) -> None:
    """Refuse to write a PDF over the case it is made from, or over any case file."""
    from desktop.logic.case.files import SaveError
    from desktop.logic.case.model import FILE_SUFFIX

    try:
        same = output.resolve() == case.resolve() or os.path.samefile(output, case)
    except (OSError, ValueError):  # no such file yet (or an unusable name: the write says so)
        same = False
    if same:
        raise SaveError(f"{output} に書き出せません: 読み込んだケースファイルそのものです。PDF の名前を指定してください。")
    if output.suffix.lower() == FILE_SUFFIX:
        raise SaveError(f"{output} に書き出せません: ケースファイル（{FILE_SUFFIX}）の名前です。PDF の名前を指定してください。")


def _make_folder(folder: Path) -> None:
    from desktop.logic.case.files import SaveError, os_reason

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "名前に使えない文字が含まれています"
        raise SaveError(f"{folder} に書き出せません: フォルダーを作れません（{reason}）。") from exc


def _warn_missing_glyphs(assessment: Assessment, addressee: str | None = None) -> None:
    """Say which characters the packet's fonts cannot print (they would come out as ☒)."""
    from desktop.logic.packet.glyphs import missing_glyph_warnings

    for warning in missing_glyph_warnings(assessment.case, addressee):
        print(f"注意: {warning}", file=sys.stderr)
def _import(args: argparse.Namespace) -> int:
    from desktop.logic.accounting.mapping import LABELS, apply_import, build_preview, preview_lines
    from desktop.logic.accounting.statements import StatementError, read_statement
    from desktop.logic.case.dates import DateError, parse_date
    from desktop.logic.case.amounts import Unit
    from desktop.logic.case.files import load_case, save_case

    case = load_case(args.case)
    unit = {"円": Unit.YEN, "千円": Unit.THOUSAND, "百万円": Unit.MILLION}.get(args.unit or "")
    assignments = dict(case.account_mapping)
    for pair in args.assign:
        account, _, target = pair.partition("=")
        if target and target not in LABELS:
            return _bad_input(f"--assign {pair}: 「{target}」は決算の項目名ではありません。")
        assignments[account.strip()] = target.strip()
    try:
        statements = [read_statement(path, unit) for path in args.files]
    except StatementError as exc:
        return _bad_input(str(exc))
    unclear = [s.path.name for s in statements if s.unit is None and unit is None]
    if unclear:
        return _bad_input(f"{'、'.join(unclear)}：金額の単位が書かれていません。--unit 円 または --unit 千円 を指定してください。")
    stated = [s.period_end for s in statements if s.period_end]
    try:
        period = parse_date(args.period) if args.period else (stated[0] if stated else None)
    except DateError as exc:
        return _bad_input(f"--period {args.period}: {exc}")
    if period is None:
        return _bad_input("決算日が分かりません。--period 2026-03-31 のように指定してください。")
    preview = build_preview(statements, assignments)
    current = next((p for p in case.periods if p.fiscal_year_end == period), None)
    print(f"{args.case.name} の {period:%Y年%m月%d日} 期に読み込む内容：")
    print("\n".join(preview_lines(preview, current)))
    if not args.yes:
        print("（確認のみ。書き込むには --yes を付けてください）")
        return EXIT_OK
    try:
        message = apply_import(case, period, preview.values(), assignments)
    except ValueError as exc:
        return _bad_input(str(exc))
    save_case(case, args.case)
    print(message)
    return EXIT_OK


def _bad_input(message: str) -> int:
    print(f"エラー: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _write_demo_packets(out: Path) -> None:
    """Each demo case's packet (金融機関向け) beside its case file."""
    from desktop.logic.case.demo import demo_cases
    from desktop.logic.rules.evaluation import evaluate
    from desktop.logic.packet.build import write_packet

    for stem, case in demo_cases().items():
        target = out / f"{stem}.pdf"
        write_packet(evaluate(case), target)
        print(f"書き出しました: {target}")


COMMANDS = {"evaluate": _evaluate, "demo": _demo, "packet": _packet, "import": _import}


def main(argv: list[str] | None = None) -> int:
    # UTF-8 on every console, including a Windows code page that cannot show Japanese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--smoke"]:
        from desktop.smoke import smoke_main

        return smoke_main(argv[1:])
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        # No subcommand: the app, optionally with a case file (double-click on a .hnavi file).
        from desktop.ui.app import run_gui

        return run_gui(argv)
    args = _parser().parse_args(argv)
    from desktop.logic.case.files import CaseFileError, SaveError
    from desktop.logic.data_files import validate_data_files
    from desktop.logic.rules.data import RuleDataError

    try:
        validate_data_files()
        return COMMANDS[args.command](args)
    except (CaseFileError, SaveError) as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RuleDataError as exc:
        print(f"ルールデータの誤り: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        # The reader of a pipe (`| more`, `| head`) stopped early: no error of ours to report.
        # Point stdout at the null device so its final flush at exit cannot raise again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_INTERNAL
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence reports and exits 1
        print(f"内部エラー: {exc!r}", file=sys.stderr)
        return EXIT_INTERNAL
