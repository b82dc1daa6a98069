"""Where a citizen goes when the temporary lease ends.

Each destination has its HMIS exit group (permanent, temporary, institutional, homeless,
other) so the evaluation lines up with the US HUD System Performance Measures, and a
positive / neutral / negative class per citizen group. The classes follow the
application: a move on to one's own home is positive for every group; an uncertain c/o
address, a shelter or the street is negative. For citizen group 3, whose support need was
still being clarified, a well-reasoned move to a long-term botilbud or a permanent bomiljø
is the clarification succeeding, so it counts as positive there and not for groups 1
and 2, who were expected to manage their own home. ``starts_follow_up`` marks the
permanent homes whose 6/12/24-month retention is followed up.
"""

from __future__ import annotations

from typing import Any

from portal.rules.models import DestinationGroup, OutcomeClass

_P, _N, _X = OutcomeClass.POSITIVE, OutcomeClass.NEUTRAL, OutcomeClass.NEGATIVE


def _dest(
    code: str,
    group: DestinationGroup,
    classes: tuple[OutcomeClass, OutcomeClass, OutcomeClass],
    follow_up: bool,
    labels: dict[str, str],
) -> dict[str, Any]:
    return {
        "code": code,
        "group": group,
        "classes": {1: classes[0], 2: classes[1], 3: classes[2]},
        "starts_follow_up": follow_up,
        "texts": {locale: {"label": label} for locale, label in labels.items()},
    }


_PERM = DestinationGroup.PERMANENT
_TEMP = DestinationGroup.TEMPORARY
_INST = DestinationGroup.INSTITUTIONAL
_HOME = DestinationGroup.HOMELESS
_OTHER = DestinationGroup.OTHER

OUTCOME_DESTINATIONS: list[dict[str, Any]] = [
    _dest(
        "took_over",
        _PERM,
        (_P, _P, _P),
        True,
        {
            "da": "Overtog boligen",
            "en": "Took over the home",
            "ar": "أخذ السكن باسمه",
            "ti": "ነቲ ገዛ ብስሙ ወሲዱዎ",
        },
    ),
    _dest(
        "own_rental_social",
        _PERM,
        (_P, _P, _P),
        True,
        {
            "da": "Egen fast lejebolig, almen",
            "en": "Own permanent rental, social housing",
            "ar": "سكن إيجار دائم خاص به، سكن اجتماعي",
            "ti": "ናይ ባዕሉ ቀዋሚ ናይ ክራይ ገዛ፣ ማሕበራዊ",
        },
    ),
    _dest(
        "own_rental_private",
        _PERM,
        (_P, _P, _P),
        True,
        {
            "da": "Egen fast lejebolig, privat",
            "en": "Own permanent rental, private",
            "ar": "سكن إيجار دائم خاص به، خاص",
            "ti": "ናይ ባዕሉ ቀዋሚ ናይ ክራይ ገዛ፣ ብሕታዊ",
        },
    ),
    _dest(
        "youth_housing",
        _PERM,
        (_P, _P, _P),
        True,
        {
            "da": "Ungdomsbolig",
            "en": "Youth housing",
            "ar": "سكن شبابي",
            "ti": "ናይ መንእሰያት ገዛ",
        },
    ),
    _dest(
        "permanent_bomiljo",
        _PERM,
        (_N, _N, _P),
        True,
        {
            "da": "Fast bolig i et bomiljø",
            "en": "Permanent home in supported housing",
            "ar": "سكن دائم في سكن مدعوم",
            "ti": "ቀዋሚ ገዛ ኣብ ዝድገፍ መንበሪ",
        },
    ),
    _dest(
        "botilbud_107",
        _TEMP,
        (_X, _X, _N),
        False,
        {
            "da": "Midlertidigt botilbud",
            "en": "Temporary residential care",
            "ar": "رعاية سكنية مؤقتة",
            "ti": "ግዝያዊ ናይ ክንክን መንበሪ",
        },
    ),
    _dest(
        "botilbud_108",
        _INST,
        (_X, _X, _P),
        False,
        {
            "da": "Længerevarende botilbud",
            "en": "Long-term residential care",
            "ar": "رعاية سكنية طويلة الأمد",
            "ti": "ነዊሕ ግዜ ዝጸንሕ ናይ ክንክን መንበሪ",
        },
    ),
    _dest(
        "original_offer",
        _TEMP,
        (_X, _X, _N),
        False,
        {
            "da": "Tilbage til det oprindelige tilbud",
            "en": "Back to the original offer",
            "ar": "العودة إلى العرض الأصلي",
            "ti": "ናብቲ ናይ መጀመርታ ቦታ ምምላስ",
        },
    ),
    _dest(
        "family_friends",
        _TEMP,
        (_X, _X, _X),
        False,
        {
            "da": "Bor hos familie eller venner",
            "en": "Staying with family or friends",
            "ar": "يقيم عند العائلة أو الأصدقاء",
            "ti": "ምስ ስድራ ወይ ኣዕሩኽ ይነብር",
        },
    ),
    _dest(
        "shelter",
        _HOME,
        (_X, _X, _X),
        False,
        {
            "da": "Forsorgshjem eller herberg",
            "en": "Shelter or hostel",
            "ar": "مأوى أو نُزُل",
            "ti": "መዕቆቢ ወይ ሆስተል",
        },
    ),
    _dest(
        "hospital",
        _INST,
        (_N, _N, _N),
        False,
        {
            "da": "Hospital eller psykiatrisk afdeling",
            "en": "Hospital or psychiatric ward",
            "ar": "مستشفى أو قسم للطب النفسي",
            "ti": "ሆስፒታል ወይ ክፍሊ ኣእምሮ",
        },
    ),
    _dest(
        "prison",
        _INST,
        (_X, _X, _X),
        False,
        {
            "da": "Fængsel",
            "en": "Prison",
            "ar": "السجن",
            "ti": "ቤት ማእሰርቲ",
        },
    ),
    _dest(
        "street",
        _HOME,
        (_X, _X, _X),
        False,
        {
            "da": "På gaden",
            "en": "Street",
            "ar": "في الشارع",
            "ti": "ኣብ ጎደና",
        },
    ),
    _dest(
        "deceased",
        _OTHER,
        (_N, _N, _N),
        False,
        {
            "da": "Død",
            "en": "Deceased",
            "ar": "متوفى",
            "ti": "ዓሪፉ",
        },
    ),
    _dest(
        "unknown",
        _OTHER,
        (_N, _N, _N),
        False,
        {
            "da": "Ukendt",
            "en": "Unknown",
            "ar": "غير معروف",
            "ti": "ዘይፍለጥ",
        },
    ),
]
