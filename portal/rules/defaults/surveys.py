"""Survey questions, answered on a 1–5 scale (1: not at all, 5: very much).

The citizen questions follow section 5 of the application (a more independent life,
what the temporary lease means, whether the support feels coherent and flexible); the
staff survey asks the staff the same about the support.
"""

from __future__ import annotations

from typing import Any


def _q(code: str, audience: str, position: int, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "code": code,
        "audience": audience,
        "position": position,
        "texts": {locale: {"question": text} for locale, text in texts.items()},
    }


SURVEY_QUESTIONS: list[dict[str, Any]] = [
    _q(
        "more_independent",
        "citizen",
        10,
        {
            "da": "Jeg klarer mere selv end før.",
            "en": "I manage more on my own than before.",
            "ar": "أنا أتدبّر أموري بنفسي أكثر من قبل.",
            "ti": "ካብ ቅድሚ ሕጂ ዝያዳ ባዕለይ ይኽእሎ እየ።",
        },
    ),
    _q(
        "safe_at_home",
        "citizen",
        20,
        {
            "da": "Jeg føler mig tryg i mit hjem.",
            "en": "I feel safe in my home.",
            "ar": "أشعر بالأمان في بيتي.",
            "ti": "ኣብ ገዛይ ውሑስ ኮይኑ ይስምዓኒ።",
        },
    ),
    _q(
        "feels_like_home",
        "citizen",
        30,
        {
            "da": "Boligen føles som mit eget hjem.",
            "en": "The home feels like my own home.",
            "ar": "أشعر أن هذا السكن بيتي.",
            "ti": "እዚ ገዛ ከም ናተይ ገዛ ኮይኑ ይስምዓኒ።",
        },
    ),
    _q(
        "temporary_worry",
        "citizen",
        40,
        {
            "da": "Jeg er bekymret for, at min lejekontrakt er midlertidig.",
            "en": "I worry that my lease is temporary.",
            "ar": "أنا قلق لأن عقد إيجاري مؤقت.",
            "ti": "ውዕል ክራየይ ግዝያዊ ብምዃኑ ይሻቐል እየ።",
        },
    ),
    _q(
        "support_coherent",
        "citizen",
        50,
        {
            "da": "Den hjælp, jeg får, hænger godt sammen.",
            "en": "The help I get fits well together.",
            "ar": "المساعدة التي أحصل عليها مترابطة بشكل جيد.",
            "ti": "እቲ ዝረኽቦ ሓገዝ ጽቡቕ ተተኣሳሲሩ እዩ።",
        },
    ),
    _q(
        "support_flexible",
        "citizen",
        60,
        {
            "da": "Hjælpen ændrer sig, når mit behov ændrer sig.",
            "en": "The help changes when my needs change.",
            "ar": "تتغير المساعدة عندما تتغير احتياجاتي.",
            "ti": "ድሌተይ ምስ ዝቕየር፣ እቲ ሓገዝ'ውን ይቕየር።",
        },
    ),
    _q(
        "say_in_plan",
        "citizen",
        70,
        {
            "da": "Jeg bestemmer selv med i min plan.",
            "en": "I have a say in my plan.",
            "ar": "لي رأي في خطتي.",
            "ti": "ኣብ መደበይ ድምጺ ኣለኒ።",
        },
    ),
    _q(
        "life_better",
        "citizen",
        80,
        {
            "da": "Mit liv går i en god retning.",
            "en": "My life is going in a good direction.",
            "ar": "حياتي تسير في اتجاه جيد.",
            "ti": "ህይወተይ ናብ ጽቡቕ ኣንፈት ትኸይድ ኣላ።",
        },
    ),
    _q(
        "staff_support_coherent",
        "staff",
        110,
        {
            "da": "Støtten til borgerne hænger sammen på tværs af bolig, social og beskæftigelse.",
            "en": "The support for citizens fits together across housing, social work and jobs.",
            "ar": "الدعم المقدم للمواطنين مترابط بين السكن والعمل الاجتماعي والتوظيف.",
            "ti": "እቲ ንተቐማጦ ዝወሃብ ሓገዝ ኣብ መንበሪ፣ ማሕበራዊ ስራሕን ስራሕ ምርካብን ተተኣሳሲሩ እዩ።",
        },
    ),
    _q(
        "staff_support_flexible",
        "staff",
        120,
        {
            "da": "Vi kan tilpasse støtten hurtigt, når borgerens behov ændrer sig.",
            "en": "We can adjust the support quickly when a citizen's needs change.",
            "ar": "نستطيع تعديل الدعم بسرعة عندما تتغير احتياجات المواطن.",
            "ti": "ድሌት ተቐማጣይ ምስ ዝቕየር፣ ነቲ ሓገዝ ቀልጢፍና ከነመዓራርዮ ንኽእል።",
        },
    ),
    _q(
        "staff_least_intrusive",
        "staff",
        130,
        {
            "da": "Vi kan tilbyde borgeren det mindst indgribende tilbud på det rette tidspunkt.",
            "en": "We can offer the citizen the least intrusive option at the right time.",
            "ar": "نستطيع أن نقدم للمواطن الخيار الأقل تدخلًا في الوقت المناسب.",
            "ti": "ነቲ ተቐማጣይ ኣብ ግቡእ ግዜ እቲ ዝወሓደ ጣልቃ ዘለዎ ኣማራጺ ከነቕርበሉ ንኽእል።",
        },
    ),
]
