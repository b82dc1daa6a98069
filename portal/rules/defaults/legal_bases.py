"""The legal bases a temporary lease can rest on, with their term rules.

Citizen texts never quote a paragraph number: they say in plain words how long the
citizen may stay, what happens at the end and that notice never comes without another
offer. The law reference is kept apart, in ``law_reference``, for staff and letters.

``allowed_for_integration_act``: a refugee placed under the integration act is owed a
permanent home (integrationsloven § 12); a temporary stay is only a bridge to it. The
existing time-limited bases (inklusionsbolig, udslusningsbolig, startbolig) have their
own target groups and end at a fixed date after at most two years whether or not a
permanent home has been found, so they are closed to such a placement. Open are the
network's experiment basis, which the network applies for with newly arrived refugees
among its target groups and whose lease runs until its purpose (here: the permanent
home) is reached, and the ordinary lease, which is not time-limited at all.
"""

from __future__ import annotations

from typing import Any

from portal.rules.models import ExtensionRule

INKLUSIONSBOLIG = "inklusionsbolig"
UDSLUSNING_ALMEN = "udslusning_almen"
UDSLUSNING_PRIVAT = "udslusning_privat"
STARTBOLIG = "startbolig"
EXPERIMENT = "forsoeg"
ORDINARY = "ordinary"

LEGAL_BASES: list[dict[str, Any]] = [
    {
        "code": INKLUSIONSBOLIG,
        "name": "Inklusionsbolig",
        "law_reference": "Almenboligloven (ABL) § 62 a",
        "time_limited": True,
        "max_term_months": 24,
        "extension_rule": ExtensionRule.WITHIN_MAX,
        "allowed_for_integration_act": False,
        "goals_before_allocation": True,
        "end_stated_in_lease": False,
        "texts": {
            "da": {
                "label": "Inklusionsbolig",
                "explanation": (
                    "Du lejer boligen i en fast periode på højst 2 år. Før du flytter ind, "
                    "aftaler du og kommunen, hvad du gerne vil nå. Du får støtte, mens du bor "
                    "her. Før perioden slutter, hjælper kommunen dig videre til en anden bolig."
                ),
            },
            "en": {
                "label": "Inclusion home",
                "explanation": (
                    "You rent the home for a set time of at most 2 years. Before you move in, "
                    "you and the municipality agree on what you want to reach. You get support "
                    "while you live here. Before the time is up, the municipality helps you on "
                    "to another home."
                ),
            },
            "ar": {
                "label": "سكن الدمج",
                "explanation": (
                    "تستأجر السكن لمدة محددة أقصاها سنتان. قبل أن تنتقل إليه، تتفق أنت "
                    "والبلدية على ما تريد أن تحققه. تحصل على الدعم طوال سكنك هنا. قبل "
                    "انتهاء المدة، تساعدك البلدية على الانتقال إلى سكن آخر."
                ),
            },
            "ti": {
                "label": "ናይ ምትእስሳር ገዛ",
                "explanation": (
                    "ነዚ ገዛ ንዝተወሰነ ግዜ፣ ብዝበዝሐ 2 ዓመት፣ ትኻረዮ። ቅድሚ ምእታውካ፣ ንስኻን "
                    "ኮሙንን እንታይ ክትበጽሕ ከም እትደሊ ትሰማምዑ። ኣብዚ ክትነብር ከለኻ ሓገዝ "
                    "ትረክብ። እቲ ግዜ ቅድሚ ምውዳኡ፣ ኮሙን ናብ ካልእ ገዛ ክትሓልፍ ይሕግዘካ።"
                ),
            },
        },
    },
    {
        "code": UDSLUSNING_ALMEN,
        "name": "Udslusningsbolig (almen)",
        "law_reference": "Almenboligloven (ABL) § 63 og almenlejeloven § 4",
        "time_limited": True,
        "max_term_months": 24,
        "extension_rule": ExtensionRule.WITHIN_MAX,
        "allowed_for_integration_act": False,
        "goals_before_allocation": False,
        "end_stated_in_lease": True,
        "texts": {
            "da": {
                "label": "Udslusningsbolig (almen bolig)",
                "explanation": (
                    "Boligen er et trin på vejen mod din egen faste bolig. Du kan bo her i "
                    "højst 2 år. Datoen, hvor du skal flytte, står i din lejekontrakt. "
                    "Kommunen hjælper dig med at finde den næste bolig."
                ),
            },
            "en": {
                "label": "Move-on home (social housing)",
                "explanation": (
                    "This home is a step on the way to your own permanent home. You can live "
                    "here for at most 2 years. The date you must move is written in your lease. "
                    "The municipality helps you find your next home."
                ),
            },
            "ar": {
                "label": "سكن انتقالي (سكن اجتماعي)",
                "explanation": (
                    "هذا السكن خطوة في الطريق إلى سكنك الدائم. يمكنك السكن هنا سنتين على "
                    "الأكثر. تاريخ انتقالك مكتوب في عقد الإيجار. تساعدك البلدية في إيجاد "
                    "سكنك القادم."
                ),
            },
            "ti": {
                "label": "ናይ መሰጋገሪ ገዛ (ማሕበራዊ ገዛ)",
                "explanation": (
                    "እዚ ገዛ ናብ ናትካ ቀዋሚ ገዛ ዘብጽሕ ስጉምቲ እዩ። ኣብዚ ብዝበዝሐ 2 ዓመት "
                    "ክትነብር ትኽእል። ክትወጽእ ዘለካ ዕለት ኣብ ውዕል ክራይካ ተጻሒፉ ኣሎ። ኮሙን "
                    "ነቲ ዝቕጽል ገዛ ክትረክብ ይሕግዘካ።"
                ),
            },
        },
    },
    {
        "code": UDSLUSNING_PRIVAT,
        "name": "Udslusningsbolig (privat)",
        "law_reference": "Lov om boligforhold § 57 a",
        "time_limited": True,
        "max_term_months": 24,
        "extension_rule": ExtensionRule.WITHIN_MAX,
        "allowed_for_integration_act": False,
        "goals_before_allocation": False,
        "end_stated_in_lease": True,
        "texts": {
            "da": {
                "label": "Udslusningsbolig (privat udlejer)",
                "explanation": (
                    "Kommunen har aftalt med en privat udlejer, at du kan bo her i en periode. "
                    "Boligen er et trin mod din egen faste bolig. Datoen, hvor perioden "
                    "slutter, står i din lejekontrakt. Kommunen hjælper dig videre."
                ),
            },
            "en": {
                "label": "Move-on home (private landlord)",
                "explanation": (
                    "The municipality has agreed with a private landlord that you can live "
                    "here for a while. The home is a step towards your own permanent home. "
                    "The date the period ends is written in your lease. The municipality "
                    "helps you move on."
                ),
            },
            "ar": {
                "label": "سكن انتقالي (مؤجر خاص)",
                "explanation": (
                    "اتفقت البلدية مع مؤجر خاص على أن تسكن هنا لفترة. هذا السكن خطوة نحو "
                    "سكنك الدائم. تاريخ انتهاء الفترة مكتوب في عقد الإيجار. تساعدك البلدية "
                    "على الانتقال بعد ذلك."
                ),
            },
            "ti": {
                "label": "ናይ መሰጋገሪ ገዛ (ብሕታዊ ኣካራዪ)",
                "explanation": (
                    "ኮሙን ምስ ብሕታዊ ኣካራዪ ተሰማሚዑ ኣሎ፣ ንሓደ እዋን ኣብዚ ክትነብር። እዚ "
                    "ገዛ ናብ ናትካ ቀዋሚ ገዛ ዘብጽሕ ስጉምቲ እዩ። እቲ እዋን ዝውድኣሉ ዕለት ኣብ "
                    "ውዕል ክራይካ ተጻሒፉ ኣሎ። ኮሙን ንቕድሚት ይሕግዘካ።"
                ),
            },
        },
    },
    {
        "code": STARTBOLIG,
        "name": "Startbolig",
        "law_reference": "Almenboligloven (ABL) § 101 a",
        "time_limited": True,
        "max_term_months": 24,
        "extension_rule": ExtensionRule.WITHIN_MAX,
        "allowed_for_integration_act": False,
        "goals_before_allocation": True,
        "end_stated_in_lease": True,
        "texts": {
            "da": {
                "label": "Startbolig",
                "explanation": (
                    "En startbolig er for unge, der skal lære at bo selv. En bostøtte hjælper "
                    "dig, mens du bor her. Lejen gælder i en fast periode på højst 2 år. "
                    "Sammen finder I ud af, hvor du skal bo bagefter."
                ),
            },
            "en": {
                "label": "Starter home",
                "explanation": (
                    "A starter home is for young people who are learning to live on their own. "
                    "A support worker helps you while you live here. The lease runs for a set "
                    "time of at most 2 years. Together you work out where you will live next."
                ),
            },
            "ar": {
                "label": "سكن البداية",
                "explanation": (
                    "سكن البداية مخصص للشباب الذين يتعلمون العيش بمفردهم. يساعدك مرافق دعم "
                    "طوال سكنك هنا. يسري العقد لمدة محددة أقصاها سنتان. تبحثون معًا عن "
                    "المكان الذي ستسكن فيه بعد ذلك."
                ),
            },
            "ti": {
                "label": "መጀመርታ ገዛ",
                "explanation": (
                    "መጀመርታ ገዛ ንበይኖም ምንባር ዝመሃሩ መንእሰያት እዩ። ኣብዚ ክትነብር ከለኻ "
                    "ሓጋዚ ሰራሕተኛ ይሕግዘካ። እቲ ውዕል ንዝተወሰነ ግዜ፣ ብዝበዝሐ 2 ዓመት፣ እዩ። "
                    "ድሕሪኡ ኣበይ ከም እትነብር ብሓባር ትውስኑ።"
                ),
            },
        },
    },
    {
        "code": EXPERIMENT,
        "name": "Midlertidig lejekontrakt (netværkets forsøg)",
        "law_reference": (
            "Forsøgshjemmel for kommunenetværket (ansøgning om midlertidige lejekontrakter)"
        ),
        "time_limited": True,
        "max_term_months": None,
        "extension_rule": ExtensionRule.OPEN,
        "allowed_for_integration_act": True,
        "goals_before_allocation": True,
        "end_stated_in_lease": False,
        "texts": {
            "da": {
                "label": "Midlertidig lejekontrakt (forsøg)",
                "explanation": (
                    "Du bor her, mens du får støtte og arbejder med dine mål. Der er ingen fast "
                    "slutdato: lejen løber, til målet er nået. Vi holder møde om din plan med "
                    "faste mellemrum. Når du er klar, kan du overtage boligen eller få en anden "
                    "fast bolig. Du bliver aldrig sagt op uden at få et andet tilbud."
                ),
            },
            "en": {
                "label": "Temporary lease (trial)",
                "explanation": (
                    "You live here while you get support and work on your goals. There is no "
                    "fixed end date: the lease runs until your goal is reached. We meet about "
                    "your plan at set times. When you are ready, you can take over the home or "
                    "get another permanent home. You are never given notice without another "
                    "offer."
                ),
            },
            "ar": {
                "label": "عقد إيجار مؤقت (تجربة)",
                "explanation": (
                    "تسكن هنا بينما تحصل على الدعم وتعمل على أهدافك. لا يوجد تاريخ انتهاء "
                    "ثابت: يستمر العقد حتى تحقق هدفك. نلتقي لمراجعة خطتك في مواعيد محددة. "
                    "عندما تكون مستعدًا، يمكنك أن تأخذ السكن باسمك أو تحصل على سكن دائم آخر. "
                    "لن يُنهى عقدك أبدًا دون أن نعرض عليك بديلًا آخر."
                ),
            },
            "ti": {
                "label": "ግዝያዊ ውዕል ክራይ (ፈተነ)",
                "explanation": (
                    "ሓገዝ እናረኸብካን ኣብ ዕላማታትካ እናሰራሕካን ኣብዚ ትነብር። ዝተወሰነ ናይ "
                    "መወዳእታ ዕለት የብሉን፡ እቲ ውዕል ዕላማኻ ክሳብ እትበጽሕ ይቕጽል። ብዛዕባ "
                    "መደብካ ብስሩዕ ንራኸብ። ድሉው ምስ ኰንካ፣ ነቲ ገዛ ብስምካ ክትወስዶ ወይ ካልእ "
                    "ቀዋሚ ገዛ ክትረክብ ትኽእል። ካልእ ዕድል ከይተዋህበካ ውዕልካ ፈጺሙ ኣይቋረጽን።"
                ),
            },
        },
    },
    {
        "code": ORDINARY,
        "name": "Almindelig lejeaftale (efter overtagelse)",
        "law_reference": "Lejeloven / almenlejeloven (tidsubegrænset lejeaftale)",
        "time_limited": False,
        "max_term_months": None,
        # Not time-limited, so there is nothing to extend.
        "extension_rule": ExtensionRule.NONE,
        "allowed_for_integration_act": True,
        "goals_before_allocation": False,
        "end_stated_in_lease": False,
        "texts": {
            "da": {
                "label": "Almindelig lejekontrakt",
                "explanation": (
                    "Boligen er din. Lejekontrakten har ingen slutdato. Du har de samme "
                    "rettigheder som alle andre lejere."
                ),
            },
            "en": {
                "label": "Ordinary lease",
                "explanation": (
                    "The home is yours. The lease has no end date. You have the same rights as "
                    "every other tenant."
                ),
            },
            "ar": {
                "label": "عقد إيجار عادي",
                "explanation": (
                    "السكن لك. ليس لعقد الإيجار تاريخ انتهاء. لك نفس حقوق أي مستأجر آخر."
                ),
            },
            "ti": {
                "label": "ንቡር ውዕል ክራይ",
                "explanation": (
                    "እቲ ገዛ ናትካ እዩ። እቲ ውዕል ክራይ ናይ መወዳእታ ዕለት የብሉን። ከም ኩሎም ካልኦት ተኻረይቲ ሓደ ዓይነት መሰል ኣለካ።"
                ),
            },
        },
    },
]
