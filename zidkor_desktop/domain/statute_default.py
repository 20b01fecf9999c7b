"""The default statute of ZIDKOR shipped with the program (German content, not UI text).

Each section is (number, heading, body); subsections (Abs.) are apart by a blank line. The
placeholders {{...}} are filled from the data on the version's date (see statute_text).
"""

from __future__ import annotations

from zidkor_desktop.domain.statute import SectionDraft

TITLE = (
    "Verbandsordnung des Zweckverbands für Informationstechnologie und Datenverarbeitung "
    "der Kommunen in Rheinland-Pfalz (ZIDKOR)"
)

_SECTIONS: list[tuple[str, str, str]] = [
    (
        "1",
        "Name, Sitz und Rechtsform",
        """Der Zweckverband führt den Namen „Zweckverband für Informationstechnologie und Datenverarbeitung der Kommunen in Rheinland-Pfalz“, abgekürzt „ZIDKOR“.

Der Zweckverband hat seinen Sitz in Mainz.

Der Zweckverband ist eine Körperschaft des öffentlichen Rechts nach dem Landesgesetz über die kommunale Zusammenarbeit (KomZG). Er verwaltet seine Angelegenheiten im Rahmen der Gesetze unter eigener Verantwortung.""",  # noqa: E501
    ),
    (
        "2",
        "Mitglieder",
        """Mitglieder des Zweckverbands sind mit ihren Stimmen und ihren Anteilen am Stammkapital:
{{mitgliedertabelle}}

Die {{mitglieder_anzahl}} Mitglieder haben zusammen {{stimmen_gesamt}} Stimmen.

Kommunale Gebietskörperschaften müssen die Mehrheit der Mitglieder und die Mehrheit der Stimmen in der Verbandsversammlung innehaben.""",  # noqa: E501
    ),
    (
        "3",
        "Aufgaben und Leistungen",
        """Der Zweckverband hat die Aufgabe, für seine Mitglieder und für andere Kommunen in Rheinland-Pfalz Verfahren der Informationstechnologie und Datenverarbeitung bereitzustellen und zu betreuen.

Der Zweckverband betreibt kein eigenes Rechenzentrum. Jedes Verfahren wird für alle Beteiligten von einer Mitgliedsstadt betrieben (betreibende Stadt); die Verbandsversammlung bestimmt die betreibende Stadt.

Derzeit werden folgende Verfahren erbracht:
{{verfahren}}

Weitere Verfahren können durch Beschluss der Verbandsversammlung übernommen werden. Kommunen, die nicht Mitglied sind, können Leistungen auf Grund einer Zweckvereinbarung nach § 12 KomZG in Anspruch nehmen.""",  # noqa: E501
    ),
    (
        "4",
        "Organe",
        """Organe des Zweckverbands sind die Verbandsversammlung und der Verbandsvorsteher.""",
    ),
    (
        "5",
        "Verbandsversammlung",
        """Die Verbandsversammlung besteht aus den Vertretern der Mitglieder. Jedes Mitglied kann mehrere Vertreter entsenden und ihnen Weisungen erteilen.

Die Stimmen eines Mitglieds ergeben sich aus § 2 Abs. 1. Sie können nur einheitlich abgegeben werden; die Stimmabgabe kann nur auf einen anderen Vertreter desselben Mitglieds übertragen werden.

Die Verbandsversammlung beschließt über alle Angelegenheiten des Zweckverbands, soweit nicht der Verbandsvorsteher zuständig ist, insbesondere über die Änderung der Verbandsordnung, den Beitritt und das Ausscheiden von Mitgliedern, die Übernahme neuer Aufgaben, das Leistungs- und Entgeltverzeichnis, den Wirtschaftsplan, die Feststellung des Jahresabschlusses und die Entlastung des Verbandsvorstehers.""",  # noqa: E501
    ),
    (
        "6",
        "Sitzungen der Verbandsversammlung",
        """Der Verbandsvorsteher lädt die Vertreter der Mitglieder schriftlich oder elektronisch unter Angabe der Tagesordnung ein. Zwischen dem Versand der Einladung und dem Sitzungstag müssen mindestens vier volle Tage liegen; in dringenden Fällen kann die Frist verkürzt werden, worauf in der Einladung hinzuweisen ist.

Die Verbandsversammlung tritt mindestens einmal im Jahr zusammen. Sie ist unverzüglich einzuberufen, wenn ein Drittel der Mitglieder es unter Angabe des Beratungsgegenstands verlangt.

Zeit, Ort und öffentliche Tagesordnung der Sitzungen werden öffentlich bekannt gemacht. Die Sitzungen sind öffentlich, soweit nicht das öffentliche Wohl oder berechtigte Interessen Einzelner entgegenstehen.

Über jede Sitzung wird eine Niederschrift gefertigt, die der Vorsitzende und ein von ihm bestellter Schriftführer unterzeichnen.""",  # noqa: E501
    ),
    (
        "7",
        "Beschlussfähigkeit und Beschlussfassung",
        """Die Verbandsversammlung ist beschlussfähig, wenn mehr als die Hälfte der Mitglieder und mehr als die Hälfte der satzungsmäßigen Stimmen vertreten sind (§ 8 Abs. 1 KomZG). Wird die Verbandsversammlung wegen Beschlussunfähigkeit zum zweiten Mal zur Verhandlung über denselben Gegenstand eingeladen, so ist sie ohne Rücksicht auf die Zahl der vertretenen Mitglieder und Stimmen beschlussfähig; hierauf ist in der zweiten Einladung hinzuweisen.

Beschlüsse werden mit der Mehrheit der Stimmen der anwesenden Mitglieder gefasst, soweit nicht gesetzlich oder in dieser Verbandsordnung etwas anderes bestimmt ist; Stimmenthaltungen zählen bei der Ermittlung der Mehrheit mit. Bei Stimmengleichheit ist ein Antrag abgelehnt.

Einer Mehrheit von zwei Dritteln der satzungsmäßigen Stimmen bedürfen Beschlüsse über die Änderung der Verbandsordnung. Beschlüsse über den Beitritt und das Ausscheiden von Mitgliedern bedürfen zusätzlich der Zustimmung der Mehrheit der Mitglieder, Beschlüsse über die Änderung der Aufgaben des Zweckverbands zusätzlich der Zustimmung von zwei Dritteln der Mitglieder (§ 6 KomZG).

Ein Mitglied, dessen Vertreter nach § 22 der Gemeindeordnung ausgeschlossen ist, nimmt an Beratung und Entscheidung des betreffenden Gegenstands nicht teil.""",  # noqa: E501
    ),
    (
        "8",
        "Verbandsvorsteher",
        """Die Verbandsversammlung wählt aus den Vertretern der Mitglieder den Verbandsvorsteher und zwei Stellvertreter. Das Amt ist ein Ehrenamt.

Der Verbandsvorsteher leitet die Verwaltung des Zweckverbands, bereitet die Beschlüsse der Verbandsversammlung vor, führt sie aus und vertritt den Zweckverband gerichtlich und außergerichtlich. Er führt den Vorsitz in der Verbandsversammlung.

Erklärungen, durch die der Zweckverband verpflichtet werden soll, bedürfen der Schriftform; sie sind vom Verbandsvorsteher oder einem Stellvertreter zu unterzeichnen.""",  # noqa: E501
    ),
    (
        "9",
        "Geschäftsstelle",
        """Der Zweckverband unterhält eine Geschäftsstelle in Mainz. Sie erledigt die laufenden Geschäfte nach Weisung des Verbandsvorstehers.

Die Geschäftsstelle kann mit Personal und Sachmitteln eines Mitglieds betrieben werden; die Kosten werden nach § 11 gedeckt.""",  # noqa: E501
    ),
    (
        "10",
        "Stammkapital",
        """Jedes Mitglied leistet eine einmalige Einlage zum Stammkapital von {{kapital_je_stimme}} je Stimme. Das Stammkapital beträgt insgesamt {{kapital_gesamt}}; der Anteil jedes Mitglieds ergibt sich aus § 2 Abs. 1.

Ein neues Mitglied leistet seine Einlage mit dem Beitritt. Ändert sich die Zahl der Stimmen eines Mitglieds, ändert sich seine Einlage entsprechend.""",  # noqa: E501
    ),
    (
        "11",
        "Deckung des Finanzbedarfs",
        """Der Zweckverband deckt seinen Finanzbedarf vorrangig durch Benutzungsentgelte nach dem Leistungs- und Entgeltverzeichnis, das die Verbandsversammlung beschließt.

Soweit die Entgelte und sonstigen Erträge den Finanzbedarf nicht decken, erhebt der Zweckverband von den Mitgliedern eine Umlage. Sie wird im Verhältnis der Stimmen der Mitglieder bemessen und im Wirtschaftsplan festgesetzt.

Die Kosten eines Verfahrens trägt der Zweckverband gegenüber der betreibenden Stadt in der Höhe, die das Leistungs- und Entgeltverzeichnis und die mit ihr geschlossene Vereinbarung bestimmen.""",  # noqa: E501
    ),
    (
        "12",
        "Wirtschaftsführung",
        """Für die Wirtschaftsführung und das Rechnungswesen des Zweckverbands gelten die Vorschriften über die Gemeindewirtschaft entsprechend. Das Haushaltsjahr ist das Kalenderjahr.""",  # noqa: E501
    ),
    (
        "13",
        "Beitritt und Ausscheiden",
        """Der Beitritt weiterer kommunaler Gebietskörperschaften und anderer nach dem KomZG zugelassener Mitglieder erfolgt auf schriftlichen Antrag nach Beschluss des zuständigen Organs des Antragstellers, Zustimmung der Verbandsversammlung nach § 7 Abs. 3 und Genehmigung der Aufsichtsbehörde. Die Verbandsordnung ist entsprechend zu ändern.

Ein Mitglied kann zum Ende eines Haushaltsjahres mit einer Frist von einem Jahr schriftlich kündigen. Das Ausscheiden bedarf der Zustimmung der Verbandsversammlung nach § 7 Abs. 3 und der Genehmigung der Aufsichtsbehörde.

Ein ausscheidendes Mitglied hat keinen Anspruch auf Rückzahlung seiner Einlage, soweit die Verbandsversammlung nichts anderes beschließt.""",  # noqa: E501
    ),
    (
        "14",
        "Öffentliche Bekanntmachungen",
        """Öffentliche Bekanntmachungen des Zweckverbands erfolgen im Staatsanzeiger für Rheinland-Pfalz. Die Verbandsordnung und ihre Änderungen werden zusätzlich auf der Internetseite des Zweckverbands bereitgestellt.""",  # noqa: E501
    ),
    (
        "15",
        "Auflösung und Abwicklung",
        """Die Auflösung des Zweckverbands bedarf eines Beschlusses der Verbandsversammlung mit einer Mehrheit von zwei Dritteln der satzungsmäßigen Stimmen und der Zustimmung von zwei Dritteln der Mitglieder sowie der Genehmigung der Aufsichtsbehörde.

Im Fall der Auflösung wickelt der Verbandsvorsteher die Geschäfte ab. Das nach Erfüllung der Verbindlichkeiten verbleibende Vermögen wird unter den Mitgliedern im Verhältnis ihrer Anteile am Stammkapital verteilt; ein Fehlbetrag wird im gleichen Verhältnis getragen.""",  # noqa: E501
    ),
    (
        "16",
        "Inkrafttreten",
        """Diese Verbandsordnung tritt am Tag nach ihrer öffentlichen Bekanntmachung in Kraft.""",
    ),
]


def default_sections() -> list[SectionDraft]:
    """The sections of the default statute, as a draft would hold them."""
    return [SectionDraft(number, heading, body) for number, heading, body in _SECTIONS]
