"""The GiroCode (EPC QR code) of a payment, drawn as vector squares on the printed invoice."""

from __future__ import annotations

import segno
from reportlab.lib import colors
from reportlab.platypus import Flowable
from segno import helpers

from zidkor_desktop.domain.girocode import EpcPayment

QUIET_ZONE = 4


def epc_qr(payment: EpcPayment) -> segno.QRCode:
    """The EPC QR code (version 002, UTF-8, error correction M) of the payment."""
    return helpers.make_epc_qr(
        name=payment.name,
        iban=payment.iban,
        amount=payment.amount,
        text=payment.text,
        bic=payment.bic or None,
        encoding="utf-8",
    )


class QrCode(Flowable):
    """A QR code with its quiet zone as a square of `size` points, in RGB black on white.

    The modules are drawn in a coordinate system of one unit per module (origin at the top left
    module, rows going down), one rectangle per run of dark modules in a row.
    """

    def __init__(self, qr: segno.QRCode, size: float) -> None:
        super().__init__()
        self.matrix = [list(map(bool, row)) for row in qr.matrix]
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.matrix)
        module = self.width / (count + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.translate(QUIET_ZONE * module, self.height - QUIET_ZONE * module)
        canvas.scale(module, -module)
        canvas.setFillColor(colors.black)
        runs = []
        for row, modules in enumerate(self.matrix):
            column = 0
            while column < count:
                if not modules[column]:
                    column += 1
                    continue
                start = column
                while column < count and modules[column]:
                    column += 1
                runs.append(f"{start} {row} {column - start} 1 re")
        # Whole numbers written directly: ReportLab's float formatting costs more than the code.
        canvas.addLiteral("\n".join(runs) + "\nf")
        canvas.restoreState()
