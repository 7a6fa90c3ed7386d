"""`hosho-navi --smoke [DIR]`: prove a build can run, offscreen, in seconds.

Used against the frozen one-folder app in CI (and by build.ps1 on Windows): it starts the
QApplication with the Japanese translator and the bundled fonts, builds the main window,
loads every rule file and the checksheet, evaluates a demo case and writes its packet.
Any missing resource makes it exit 1; the log goes to DIR/smoke.log because the windowed
Windows exe has no console.

`--native` runs on the machine's own platform plugin instead of offscreen (build.ps1 does so on
Windows: qwindows.dll and the style plugins only load there).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

NEXT_BUTTON_JA = "次へ(&N) >"


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise RuntimeError(message)


class _Report(list[str]):
    """Report lines, also written to stdout as they come (the start-up benchmark waits for
    "window shown"); the windowed Windows exe has no stdout, hence the check."""

    def append(self, line: str) -> None:
        super().append(line)
        if sys.stdout:
            print(line, flush=True)


def run_smoke(out_dir: Path, native: bool = False) -> list[str]:
    """Run every check; returns the lines of the report, raises on the first failure."""
    if native:
        if sys.platform == "win32":
            os.environ["QT_QPA_PLATFORM"] = "windows"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase, QGuiApplication
    from PySide6.QtWidgets import QWizard

    from desktop.logic.case.demo import demo_cases
    from desktop.logic.rules.evaluation import evaluate
    from desktop.logic.packet.build import write_packet
    from desktop.paths import resource_path
    from desktop.ui.app import AppDirs, create_app, finish_start

    report = _Report()
    app, window = create_app([], AppDirs(out_dir / "data", out_dir / "log"))
    next_text = window.button(QWizard.WizardButton.NextButton).text()
    _check(next_text == NEXT_BUTTON_JA, f"Qt の日本語訳が読み込まれていません（次へボタン: {next_text!r}）")
    report.append(f"translator ok: {next_text}")
    # Each bundled file itself must load: on Windows the system's own BIZ UD fonts would hide a
    # missing file behind a family-name check.
    for font in sorted(resource_path("fonts").glob("*.ttf")):
        _check(QFontDatabase.addApplicationFont(str(font)) >= 0, f"同梱のフォントを読み込めません: {font.name}")
    report.append("bundled fonts ok")
    platform = QGuiApplication.platformName()
    if native and sys.platform == "win32":
        _check(platform == "windows", f"Windows のプラットフォームプラグインが読み込まれていません: {platform}")
    report.append(f"platform ok: {platform}, style {app.style().name()}")
    _check(not app.windowIcon().isNull(), "アプリのアイコンが読み込めません")
    report.append("icon ok")
    window.show()
    app.processEvents()
    report.append("window shown")
    finish_start(window)  # what the app does after its first paint: every data file, the first evaluation
    _check(window.session.assessment is not None, "新しいケースを判定できません")
    report.append("data files ok")
    case = demo_cases()["succession"]
    assessment = evaluate(case)
    _check(len(assessment.routes) == 11, f"制度の数が 11 ではありません: {len(assessment.routes)}")
    report.append("rules ok: " + ", ".join(f"{r.route_id}={r.verdict}" for r in assessment.routes))
    target = out_dir / "smoke-packet.pdf"
    write_packet(assessment, target)
    _check(target.stat().st_size > 10_000, "PDF が小さすぎます")
    report.append(f"packet ok: {target} ({target.stat().st_size:,} bytes)")
    # Without its C accelerators reportlab falls back to Python silently, a fifth slower.
    from reportlab.lib.rl_accel import fp_str

    _check(fp_str.__module__ == "_rl_accel", "reportlab の高速化モジュール（_rl_accel）が読み込まれていません")
    report.append("reportlab accelerators ok")
    # Printing renders pages with PDFium and paints them through QtPrintSupport: both must be in the build.
    from desktop.ui.printing import new_printer, print_pdf

    printer = new_printer("smoke")
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_dir / "smoke-print.pdf"))
    _check(print_pdf(target, printer, 1, 1) == 1, "印刷用のページを描けません")
    report.append("print rendering ok")
    window.close()
    return report


def smoke_main(argv: list[str]) -> int:
    native = "--native" in argv
    folders = [a for a in argv if not a.startswith("--")]
    out_dir = Path(folders[0]) if folders else Path(tempfile.mkdtemp(prefix="hosho-navi-smoke-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / "smoke.log"
    try:
        lines = run_smoke(out_dir, native)
    except Exception:  # noqa: BLE001 - the smoke test reports every failure the same way
        log.write_text(traceback.format_exc(), encoding="utf-8")
        if sys.stderr:
            sys.stderr.write(traceback.format_exc())
        return 1
    log.write_text("\n".join([*lines, "smoke test passed"]) + "\n", encoding="utf-8")
    if sys.stdout:
        print("smoke test passed")
    return 0
