"""Rendering the files of issued invoices (hybrid PDF with its XML), here or in worker processes.

Workers are started with the spawn method (as on Windows, also on Linux) so that they behave the
same everywhere; each imports the renderers once and then renders snapshot after snapshot.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from zidkor_desktop.domain.invoice import InvoiceSnapshot

PDF_KIND = "invoice_pdf"
XML_KIND = "invoice_xml"


@dataclass(frozen=True)
class InvoiceFiles:
    """The files of one invoice: the hybrid PDF (ZUGFeRD/XRechnung) and the XRechnung XML."""

    pdf: bytes
    xml: bytes

    @property
    def pdf_sha256(self) -> str:
        """Checksum of the PDF."""
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def xml_sha256(self) -> str:
        """Checksum of the XML."""
        return hashlib.sha256(self.xml).hexdigest()


def render_files(snapshot: InvoiceSnapshot, logo_png: bytes | None = None) -> InvoiceFiles:
    """The printed invoice, its XRechnung XML and the hybrid PDF carrying both."""
    from zidkor_desktop.documents.invoice import render_invoice
    from zidkor_desktop.einvoice.hybrid import hybrid_pdf
    from zidkor_desktop.einvoice.xrechnung import xrechnung_xml

    xml = xrechnung_xml(snapshot)
    return InvoiceFiles(hybrid_pdf(render_invoice(snapshot, logo_png), xml), xml)


def file_stem(number: str) -> str:
    """The invoice number as a file name (a "/" of the number pattern becomes "-")."""
    return number.replace("/", "-").replace("\\", "-")


def _warm_up() -> None:
    """Import the renderers in a fresh worker before the first invoice arrives."""
    import zidkor_desktop.documents.invoice
    import zidkor_desktop.einvoice.hybrid
    import zidkor_desktop.einvoice.xrechnung  # noqa: F401


def _ready() -> bool:
    """A task that only proves a worker runs (its initializer has imported the renderers)."""
    return True


class RenderPool:
    """Renders invoices with `workers` spawned processes (0: in this process)."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> RenderPool:
        if self.workers > 0:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_warm_up)
            # start every worker now (before the caller takes the write lock)
            for future in [self._pool.submit(_ready) for _ in range(self.workers)]:
                future.result()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc_type is None, cancel_futures=True)
            self._pool = None

    def render(
        self,
        snapshots: Sequence[InvoiceSnapshot],
        logo_png: bytes | None,
        stop: Callable[[], bool] = lambda: False,
    ) -> Iterator[InvoiceFiles]:
        """The files of each snapshot, in order; stops early when `stop()` turns true."""
        if self._pool is None:
            for snapshot in snapshots:
                if stop():
                    return
                yield render_files(snapshot, logo_png)
            return
        ahead = max(4, self.workers * 4)
        futures: list[Future[InvoiceFiles]] = []
        index = 0
        for position in range(len(snapshots)):
            while index < len(snapshots) and index < position + ahead:
                futures.append(self._pool.submit(render_files, snapshots[index], logo_png))
                index += 1
            if stop():
                for future in futures[position:]:
                    future.cancel()
                return
            yield futures[position].result()
