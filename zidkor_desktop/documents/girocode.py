"""The GiroCode (EPC QR code) of a payment as an RGB image for the printed invoice."""

from __future__ import annotations

from io import BytesIO

import segno
from segno import helpers

from zidkor_desktop.domain.girocode import EpcPayment

QUIET_ZONE = 4
PIXELS_PER_MODULE = 8


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


def qr_png(qr: segno.QRCode) -> bytes:
    """The code as an 8-bit RGB PNG with its quiet zone (no grey or palette colour space)."""
    from PIL import Image

    buffer = BytesIO()
    qr.save(buffer, kind="png", scale=PIXELS_PER_MODULE, border=QUIET_ZONE)
    rgb = Image.open(BytesIO(buffer.getvalue())).convert("RGB")
    out = BytesIO()
    rgb.save(out, format="PNG")
    return out.getvalue()
