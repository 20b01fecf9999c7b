"""Issuing in a background thread with a progress dialog that can cancel; the GUI stays responsive.

The job (a use-case call such as `issue_run`) runs in a QThread; it reports progress through a
callback that becomes a queued signal, and polls a flag the progress dialog's cancel button sets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.invoicing import IssueCancelled

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
"""job(progress(done, total), cancelled()) -> result."""


class _Worker(QObject):
    """Runs the job in its thread and reports by signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, job: Job, stop: threading.Event) -> None:
        super().__init__()
        self.job = job
        self.stop = stop

    @Slot()
    def run(self) -> None:
        """Run the job once; exactly one of succeeded, failed, cancelled follows."""
        try:
            result = self.job(self.progressed.emit, self.stop.is_set)
        except IssueCancelled as exc:
            self.cancelled.emit(str(exc))
        except DomainError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown to the clerk in German when known
            known = translate(exc)
            self.failed.emit(
                str(known) if known is not None else _("Issuing failed: {error}").format(error=exc)
            )
        else:
            self.succeeded.emit(result)


class BackgroundIssue(QObject):
    """One job in a thread with its progress dialog; `finished` carries the outcome."""

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, parent: QWidget, job: Job, total: int, label: str) -> None:
        super().__init__(parent)
        self.stop = threading.Event()
        self.label = label
        self.progress = QProgressDialog(label, _("Cancel"), 0, max(total, 1), parent)
        self.progress.setObjectName("issueProgress")
        self.progress.setWindowTitle(_("Issuing invoices"))
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.thread = QThread(self)
        self.worker = _Worker(job, self.stop)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        for signal, slot in (
            (self.worker.succeeded, self.succeeded),
            (self.worker.failed, self.failed),
            (self.worker.cancelled, self.cancelled),
        ):
            signal.connect(self._done)
            signal.connect(slot)

    def start(self) -> None:
        """Show the progress dialog and start the job."""
        self.progress.setValue(0)
        self.progress.show()
        self.thread.start()

    def running(self) -> bool:
        """Whether the job has not finished yet."""
        return self.thread.isRunning()

    def cancel(self) -> None:
        """Ask the job to stop; it ends with `cancelled` (nothing stored) unless already done."""
        self.stop.set()
        self.progress.setLabelText(_("Cancelling… nothing will be issued."))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setLabelText(
            _("{label} ({done} of {total})").format(label=self.label, done=done, total=total)
        )

    def _done(self, *_args: object) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.thread.quit()
        self.thread.wait()

    def wait(self) -> None:
        """Block until the thread ended (used when the window closes)."""
        self.thread.wait()
