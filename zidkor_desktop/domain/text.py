"""Text input rules shared by every use case that stores text: no control characters."""

from __future__ import annotations

import unicodedata

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _

LINE_BREAKS = frozenset("\n\r\u2028\u2029\x85\x0b\x0c")
MULTILINE_ALLOWED = frozenset("\n\r\t")


def _forbidden(char: str, multiline: bool) -> bool:
    if multiline and char in MULTILINE_ALLOWED:
        return False
    return char in LINE_BREAKS or unicodedata.category(char) == "Cc"


def check_text(value: str, *, field: str, label: str, multiline: bool = False) -> None:
    """Refuse control characters (NUL, ESC, …); line breaks only where `multiline` allows them.

    `label` is the field's name as the clerk sees it (already translated).
    """
    bad = next((c for c in value if _forbidden(c, multiline)), None)
    if bad is None:
        return
    if bad in LINE_BREAKS:
        message = _("The field {label} must be one line: please remove the line break.")
    else:
        message = _(
            "The field {label} contains an invisible control character (code {code}); "
            "please remove it, for example by typing the text again."
        )
    raise ValidationError(message.format(label=label, code=f"U+{ord(bad):04X}"), field)
