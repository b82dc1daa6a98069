"""Reasons to say no to an offer, per actor, with what the "no" leads to.

``texts[locale]["label"]`` is the reason as the actor picks it; ``"consequence"`` is what
the citizen is told the "no" means, before saying it (for a caseworker's or landlord's
reason: what it means for the citizen). A paused consequence holds ``{days}``, filled in
from ``pause_days`` so that changing the number never leaves a stale text.
"""

from __future__ import annotations

from typing import Any

from portal.rules.models import Actor, Consequence

_NONE = {
    "da": "Intet ændrer sig for dig. Du er stadig på listen og kan få et nyt tilbud.",
    "en": "Nothing changes for you. You stay on the list and can get a new offer.",
    "ar": "لا يتغير شيء بالنسبة لك. تبقى على القائمة ويمكن أن تحصل على عرض جديد.",
    "ti": "ንዓኻ ዝቕየር ነገር የለን። ኣብቲ ዝርዝር ትጸንሕ፣ ሓድሽ ዕድል ክትረክብ ትኽእል።",
}
_PAUSED = {
    "da": "Du får ikke nye tilbud de næste {days} dage. Derefter er du på listen igen.",
    "en": "You will not get new offers for the next {days} days. After that you are back on "
    "the list.",
    "ar": "لن تحصل على عروض جديدة خلال الأيام الـ {days} القادمة. بعدها تعود إلى القائمة.",
    "ti": "ኣብ ዝመጽእ {days} መዓልታት ሓድሽ ዕድል ኣይክትረክብን ኢኻ። ድሕሪኡ ናብቲ ዝርዝር ትምለስ።",
}
_REASSESS = {
    "da": "Din sagsbehandler taler med dig igen om, hvad du har brug for, før du får et nyt "
    "tilbud.",
    "en": "Your caseworker will talk with you again about what you need before you get a new "
    "offer.",
    "ar": "سيتحدث معك موظف الحالة مرة أخرى عمّا تحتاجه قبل أن تحصل على عرض جديد.",
    "ti": "ቅድሚ ሓድሽ ዕድል ምርካብካ፣ ሰራሕተኛ ጉዳይካ እንታይ ከም እተድሊ ደጊሙ ምሳኻ ክዛረብ እዩ።",
}
_CONSEQUENCE_TEXT = {
    Consequence.NONE: _NONE,
    Consequence.PAUSED: _PAUSED,
    Consequence.REASSESSMENT: _REASSESS,
}


def _reason(
    actor: Actor,
    code: str,
    position: int,
    consequence: Consequence,
    labels: dict[str, str],
    pause_days: int | None = None,
) -> dict[str, Any]:
    texts = {
        locale: {"label": label, "consequence": _CONSEQUENCE_TEXT[consequence][locale]}
        for locale, label in labels.items()
    }
    return {
        "actor": actor,
        "code": code,
        "position": position,
        "consequence": consequence,
        "pause_days": pause_days,
        "texts": texts,
    }


C, L, W = Actor.CITIZEN, Actor.LANDLORD, Actor.CASEWORKER
N, P, R = Consequence.NONE, Consequence.PAUSED, Consequence.REASSESSMENT

DECLINE_REASONS: list[dict[str, Any]] = [
    # The citizen: a "no" to a home that does not fit costs nothing.
    _reason(
        C,
        "location",
        10,
        N,
        {
            "da": "Boligen ligger for langt fra det, jeg har brug for at være tæt på",
            "en": "The home is too far from what I need to be close to",
            "ar": "السكن بعيد جدًا عمّا أحتاج أن أكون قريبًا منه",
            "ti": "እቲ ገዛ ካብቲ ክቀርቦ ዘድልየኒ ቦታ ኣዝዩ ርሒቑ እዩ",
        },
    ),
    _reason(
        C,
        "not_suitable",
        20,
        N,
        {
            "da": "Boligen passer ikke til mig (størrelse, trapper eller stand)",
            "en": "The home does not suit me (size, stairs or condition)",
            "ar": "السكن لا يناسبني (الحجم أو الدرج أو الحالة)",
            "ti": "እቲ ገዛ ኣይሰማማዐንን (ዓቐን፣ መደያይቦ ወይ ኩነታት)",
        },
    ),
    _reason(
        C,
        "unsafe",
        30,
        N,
        {
            "da": "Jeg føler mig ikke tryg i området",
            "en": "I do not feel safe in the area",
            "ar": "لا أشعر بالأمان في المنطقة",
            "ti": "ኣብቲ ከባቢ ውሑስ ኮይኑ ኣይስምዓንን",
        },
    ),
    _reason(
        C,
        "too_expensive",
        40,
        R,
        {
            "da": "Jeg har ikke råd til boligen",
            "en": "I cannot afford the home",
            "ar": "لا أستطيع تحمّل تكلفة السكن",
            "ti": "ነቲ ገዛ ክኽእሎ ኣይክእልን",
        },
    ),
    _reason(
        C,
        "not_ready",
        50,
        P,
        {
            "da": "Jeg er ikke klar til at flytte lige nu",
            "en": "I am not ready to move right now",
            "ar": "لست مستعدًا للانتقال الآن",
            "ti": "ሕጂ ንምግዓዝ ድሉው ኣይኮንኩን",
        },
        pause_days=30,
    ),
    _reason(
        C,
        "other_solution",
        60,
        R,
        {
            "da": "Jeg har fundet en anden løsning eller vil ikke længere være med",
            "en": "I have found another solution or no longer want to take part",
            "ar": "وجدت حلًا آخر أو لم أعد أرغب في المشاركة",
            "ti": "ካልእ መፍትሒ ረኺበ ወይ ከኣ ክሳተፍ ድሕሪ ሕጂ ኣይደልን",
        },
    ),
    # The landlord: the reason is about the home or the building, never the person's health.
    _reason(
        L,
        "unit_unavailable",
        10,
        N,
        {
            "da": "Boligen er ikke længere ledig",
            "en": "The home is no longer available",
            "ar": "السكن لم يعد متاحًا",
            "ti": "እቲ ገዛ ድሕሪ ሕጂ ባዶ ኣይኮነን",
        },
    ),
    _reason(
        L,
        "household_size",
        20,
        N,
        {
            "da": "Husstanden passer ikke til boligens størrelse",
            "en": "The household does not fit the size of the home",
            "ar": "حجم الأسرة لا يناسب حجم السكن",
            "ti": "ብዝሒ ስድራ ምስ ዓቐን እቲ ገዛ ኣይሰማማዕን",
        },
    ),
    _reason(
        L,
        "building_balance",
        30,
        N,
        {
            "da": "Der bor allerede mange med støtte i opgangen",
            "en": "Many people with support already live in the stairwell",
            "ar": "يسكن بالفعل كثيرون ممن يتلقون الدعم في نفس المدخل",
            "ti": "ኣብቲ ህንጻ ድሮ ሓገዝ ዝረኽቡ ብዙሓት ይነብሩ",
        },
    ),
    _reason(
        L,
        "previous_arrears",
        40,
        R,
        {
            "da": "Der er gammel gæld til udlejeren, som først skal afklares",
            "en": "There is old debt to the landlord that must be sorted out first",
            "ar": "هناك دين قديم للمؤجر يجب تسويته أولًا",
            "ti": "ቅድም ክፍታሕ ዘለዎ ናይ ቀደም ዕዳ ናብ ኣካራዪ ኣሎ",
        },
    ),
    # The caseworker.
    _reason(
        W,
        "better_match",
        10,
        N,
        {
            "da": "En anden bolig passer bedre",
            "en": "Another home is a better fit",
            "ar": "سكن آخر أنسب",
            "ti": "ካልእ ገዛ ዝያዳ ይሰማማዕ",
        },
    ),
    _reason(
        W,
        "needs_changed",
        20,
        R,
        {
            "da": "Borgerens behov har ændret sig",
            "en": "The citizen's needs have changed",
            "ar": "تغيرت احتياجات المواطن",
            "ti": "ድሌታት እቲ ተቐማጣይ ተቐይሩ",
        },
    ),
    _reason(
        W,
        "not_affordable",
        30,
        R,
        {
            "da": "Økonomien hænger ikke sammen",
            "en": "The money does not add up",
            "ar": "الوضع المالي لا يسمح",
            "ti": "እቲ ቁጠባዊ ኩነታት ኣይሰማማዕን",
        },
    ),
    _reason(
        W,
        "support_not_ready",
        40,
        P,
        {
            "da": "Støtten er ikke klar endnu",
            "en": "The support is not ready yet",
            "ar": "الدعم ليس جاهزًا بعد",
            "ti": "እቲ ሓገዝ ገና ድሉው ኣይኮነን",
        },
        pause_days=30,
    ),
    _reason(
        W,
        "not_reachable",
        50,
        P,
        {
            "da": "Vi har ikke kunnet komme i kontakt med borgeren",
            "en": "We have not been able to reach the citizen",
            "ar": "لم نتمكن من التواصل مع المواطن",
            "ti": "ምስቲ ተቐማጣይ ክንራኸብ ኣይከኣልናን",
        },
        pause_days=14,
    ),
]
