"""What every wizard page shares: its title and one-line purpose, a scrolling body, and the
two moments it talks to the case (load when shown or replaced, results when re-assessed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.logic.case.amounts import Unit
from desktop.logic.case.model import Case
from desktop.logic.wizard.editing import lender_names, toggled
from desktop.logic.wizard.navigation import PageInfo
from desktop.ui.session import CaseSession
from desktop.ui.widgets import (
    TRI_STATE,
    ChoiceCombo,
    CountField,
    DateField,
    NameCombo,
    YenField,
    check_box,
    error_label,
    form_row,
)

class WizardController(Protocol):
    """The case-level commands a page may ask of the window. Pages see this interface, never
    the wizard class, so the window imports its pages and not the other way round."""

    def new_case(self) -> None: ...

    def open_case(self, path: Path | None = None) -> bool: ...

    def load_demo(self, key: str) -> None: ...

    def save_case(self) -> bool: ...


class CasePage(QWizardPage):
    """A view of one slice of the case. Subclasses build widgets in `build(body)`, fill them in
    `load(fresh)` and update live results in `show_results()`."""

    def __init__(self, info: PageInfo, session: CaseSession, controller: WizardController) -> None:
        super().__init__()
        self.info = info
        self.session = session
        self.controller = controller
        self.setTitle(info.title)
        self.setSubTitle(info.purpose)
        self.setObjectName(f"page_{info.key}")
        self._loaders: list[Callable[[bool], None]] = []
        self.built = False
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        session.assessed.connect(self._on_assessed)

    def ensure_built(self) -> None:
        """Build the widgets the first time the page is needed: the window then opens with only
        the start page built, which keeps start-up close to a bare QWizard's."""
        if self.built:
            return
        self.built = True
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.build(self.body_layout)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        fixed = self.build_fixed()
        if fixed is not None:
            self._outer.addWidget(fixed)
        self._outer.addWidget(scroll, 1)
        self.load(fresh=True)

    @property
    def case(self) -> Case:
        return self.session.case

    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def build_fixed(self) -> QWidget | None:
        """An optional panel above the scrolling body that stays in view (live results)."""
        return None

    def load(self, fresh: bool) -> None:
        """Fill the widgets from the case. fresh=False (re-entering the page) keeps an entry
        the user has not finished correcting, so its error message stays visible."""
        for loader in self._loaders:
            loader(fresh)

    def show_results(self) -> None:
        """Update what the page shows from the latest assessment."""

    def _on_assessed(self) -> None:
        if self.built and self.isVisible():
            self.show_results()

    def edit(self, change: Callable[[Case], object]) -> bool:
        return self.session.edit(change)

    # --- bound fields: each reads a dotted path of the case and writes it back on change ---
    def _write(self, path: str, value: Any) -> bool:
        return self.edit(lambda c: _assign(c, path, value))

    def text_field(self, form: QFormLayout, label: str, path: str) -> QLineEdit:
        line = QLineEdit()
        form_row(form, label, line)
        line.textEdited.connect(lambda text: self._write(path, text.strip()))
        self._loaders.append(lambda fresh: line.setText(_read(self.case, path)))
        return line

    def yen_field(self, form: QFormLayout, label: str, path: str, *, allow_negative: bool = False,
                  unit: Unit = Unit.YEN) -> YenField:
        field = YenField(label, unit=unit, allow_negative=allow_negative)
        form_row(form, label, field, field.edit)
        self._bind_number(field, path)
        return field

    def count_field(self, form: QFormLayout, label: str, path: str, suffix: str, *,
                    refused: str = "") -> CountField:
        """refused: what the field accepts, said when the case refuses an entry."""
        field = CountField(label, suffix)
        form_row(form, label, field, field.edit)
        self._bind_number(field, path, refused)
        return field

    def _bind_number(self, field: YenField, path: str, refused: str = "") -> None:
        def write(value: int | None) -> None:
            if not self._write(path, value):
                field.reject(refused or "この項目には使えない値です。")

        field.valueEdited.connect(write)
        self._loaders.append(lambda fresh: field.set_value(_read(self.case, path), keep_invalid=not fresh))

    def date_field(self, form: QFormLayout, label: str, path: str, *, optional: bool = True) -> DateField:
        field = DateField(label, optional=optional)
        form_row(form, label, field, field.edit)

        def write(value: object) -> None:
            if not self._write(path, value):
                field.reject("この項目には使えない日付です。")

        field.dateEdited.connect(write)
        self._loaders.append(lambda fresh: field.set_value(_read(self.case, path), keep_invalid=not fresh))
        return field

    def lender_field(self, form: QFormLayout, label: str, path: str) -> NameCombo:
        """A lender picked from the case's lenders (取引金融機関 and the other lender fields) or typed anew."""
        combo = NameCombo(label)
        form_row(form, label, combo)
        combo.nameEdited.connect(lambda name: self._write(path, name))
        self._loaders.append(lambda fresh: combo.set_names(lender_names(self.case), _read(self.case, path)))
        return combo

    def choice_field(self, form: QFormLayout, label: str, path: str,
                     choices: Sequence[tuple[Any, str]]) -> ChoiceCombo:
        combo = ChoiceCombo(label, choices)
        form_row(form, label, combo)
        combo.choiceEdited.connect(lambda value: self._write(path, value))
        self._loaders.append(lambda fresh: combo.set_value(_read(self.case, path)))
        return combo

    def tri_field(self, form: QFormLayout, label: str, path: str) -> ChoiceCombo:
        """はい／いいえ／未回答 for a bool | None."""
        return self.choice_field(form, label, path, TRI_STATE)

    def check_field(self, form: QFormLayout, text: str, path: str) -> QCheckBox:
        box = check_box(text)
        form.addRow("", box)
        box.toggled.connect(lambda on: self._write(path, on))
        self._loaders.append(lambda fresh: set_checked(box, bool(_read(self.case, path))))
        return box

    def choices_group(self, title: str, path: str,
                      choices: Sequence[tuple[str, str]]) -> tuple[QGroupBox, dict[str, QCheckBox]]:
        """A box of tick boxes bound to a list of values in the case (goals, requests …)."""
        group = QGroupBox(title)
        box = QVBoxLayout(group)
        checks: dict[str, QCheckBox] = {}
        for value, label in choices:
            check = check_box(label)
            check.toggled.connect(lambda on, v=value: self._write(path, toggled(_read(self.case, path), v, on)))
            checks[value] = check
            box.addWidget(check)

        def load(fresh: bool) -> None:
            for value, check in checks.items():
                set_checked(check, value in _read(self.case, path))

        self._loaders.append(load)
        return group, checks

    def add_loader(self, loader: Callable[[bool], None]) -> None:
        self._loaders.append(loader)


def _read(case: Case, path: str) -> Any:
    return reduce(getattr, path.split("."), case)


def _assign(case: Case, path: str, value: Any) -> None:
    *parents, name = path.split(".")
    setattr(reduce(getattr, parents, case), name, value)


def set_checked(box: QCheckBox, on: bool) -> None:
    box.blockSignals(True)
    box.setChecked(on)
    box.blockSignals(False)


def note(text: str) -> QLabel:
    """A paragraph of explanation on a page."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def error_banner() -> QLabel:
    return error_label()


def show_banner(label: QLabel, message: str) -> None:
    label.setText("⚠ " + message if message else "")
    label.setVisible(bool(message))
