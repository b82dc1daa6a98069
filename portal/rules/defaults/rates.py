"""Numbers: housing-benefit rates, business-case rates and thresholds, with sources.

Every figure says where it comes from and what was assumed, so an administrator can
check it against this year's rates and replace it with a new version (valid_from).
"""

from __future__ import annotations

from typing import Any

from portal.rules.models import BenefitScheme

_RATE_SOURCE = (
    "Lov om individuel boligstøtte; satser 2026 som gengivet af Ældre Sagen, "
    "'Beregning af boligstøtte' (redigeret 14.01.2026), og borger.dk. "
)

HOUSING_BENEFIT_RATES: list[dict[str, Any]] = [
    {
        "scheme": BenefitScheme.BOLIGSIKRING,
        "year": 2026,
        "rent_share_pct": 600,  # 60 % of the yearly rent
        "rent_addition": 0,
        "income_share_pct": 180,  # minus 18 % of household income above the threshold
        "income_threshold": 171_500,
        # Raised for each child after the first, up to four children.
        "threshold_per_child": 45_200,
        "max_yearly_benefit": 50_760,  # 4,230 kr a month
        "min_own_payment": 28_900,
        "source": _RATE_SOURCE
        + (
            "Boligsikring = 60 % af den årlige husleje minus 18 % af husstandsindkomsten over "
            "171.500 kr; grænsen hæves med 45.200 kr for hvert barn ud over det første (op til "
            "fire børn); højst 50.760 kr om året; lejeren betaler selv mindst 28.900 kr om "
            "året. Antagelser i portalens skøn: lejen uden forbrug (varme, vand, el) er "
            "boligudgiften; arealgrænse (65 m² + 20 m² pr. ekstra person), huslejeloft, "
            "formuetillæg, forhøjelser af maksimum (flere end fire børn, bevægelseshæmning) og "
            "15 %-grænsen for visse husstande uden børn indgår ikke. Det er et skøn; "
            "Udbetaling Danmark afgør beløbet. Søg inden 30 dage efter indflytning."
        ),
    },
    {
        "scheme": BenefitScheme.BOLIGYDELSE,
        "year": 2026,
        "rent_share_pct": 750,  # 75 % of (yearly rent + 8,500 kr)
        "rent_addition": 8_500,
        "income_share_pct": 225,  # minus 22.5 % of household income above the threshold
        "income_threshold": 201_400,
        "threshold_per_child": 53_100,
        "max_yearly_benefit": 59_628,  # 4,969 kr a month
        "min_own_payment": 21_300,
        "source": _RATE_SOURCE
        + (
            "Boligydelse (folkepension, førtidspension tilkendt før 2003) = 75 % af (årlig "
            "husleje + 8.500 kr) minus 22,5 % af husstandsindkomsten over 201.400 kr; grænsen "
            "hæves med 53.100 kr for hvert barn ud over det første (op til fire børn); højst "
            "59.628 kr om året; lejeren betaler selv mindst 21.300 kr om året. Antagelser: "
            "egenbetalingen på 11 % af indkomsten, når den er over 21.300 kr, og at maksimum "
            "ikke gælder i almene boliger, indgår ikke, så skønnet er forsigtigt. Det er et "
            "skøn; Udbetaling Danmark afgør beløbet."
        ),
    },
]

_VIVE = (
    "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd (Housing First-"
    "evalueringer: med støtte beholder 8–9 ud af 10 deres bolig). "
)
_SOM = "Socialstyrelsens SØM-model (Socialøkonomisk investeringsmodel), enhedsomkostninger. "

BUSINESS_CASE_RATES: list[dict[str, Any]] = [
    {
        "code": "shelter_month",
        "amount": 45_833,
        "source": _VIVE
        + _SOM
        + "Ophold på forsorgshjem (SL § 110): ca. 550.000 kr om året = 45.833 kr om måneden.",
    },
    {
        "code": "support_low_month",
        "amount": 3_333,
        "source": _VIVE
        + "Housing First-støtte, lav intensitet (CTI/bostøtte): ca. 40.000 kr om året.",
    },
    {
        "code": "support_month",
        "amount": 7_083,
        "source": _VIVE
        + "Housing First-støtte, midt i spændet 40.000–130.000 kr om året (85.000 kr); "
        "bruges, når indsatsens egen pris ikke er registreret.",
    },
    {
        "code": "support_high_month",
        "amount": 10_833,
        "source": _VIVE + "Housing First-støtte, høj intensitet (ICM/ACT): ca. 130.000 kr om året.",
    },
    {
        "code": "botilbud_107_month",
        "amount": 58_333,
        "source": _SOM
        + "Midlertidigt botilbud (SL § 107): antaget ca. 700.000 kr om året (størrelsesorden; "
        "erstat med kommunens egen takst).",
    },
    {
        "code": "botilbud_108_month",
        "amount": 75_000,
        "source": _SOM
        + "Længerevarende botilbud (SL § 108): antaget ca. 900.000 kr om året (størrelsesorden; "
        "erstat med kommunens egen takst).",
    },
    {
        "code": "bomiljo_support_month",
        "amount": 20_833,
        "source": _SOM
        + "Støtte i bomiljø (ABL § 105 med SL § 85-støtte): antaget ca. 250.000 kr om året; "
        "borgeren betaler selv huslejen.",
    },
    {
        "code": "rent_subsidy_month",
        "amount": 1_500,
        "source": "Netværkets ansøgning om midlertidigt huslejetilskud; antaget gennemsnit "
        "1.500 kr om måneden pr. borger, der får tilskud (erstattes af de faktiske tilskud).",
    },
]

THRESHOLDS: list[dict[str, Any]] = [
    {
        "code": "placement_max_per_building",
        "value": 2,
        "description": "Højst så mange deltagere med ønske om spredt bolig (socialt udsatte, "
        "flygtninge) i samme opgang, før matchningen fraråder flere.",
    },
    {
        "code": "placement_cluster_max_per_building",
        "value": 6,
        "description": "En lille klynge: højst så mange deltagere med ønske om at bo samlet "
        "(fx udviklingshæmmede) i samme opgang.",
    },
    {
        "code": "placement_max_per_postcode",
        "value": 12,
        "description": "Højst så mange deltagere med ønske om spredt bolig i samme postnummer, "
        "før matchningen fraråder flere.",
    },
    {
        "code": "offer_response_days",
        "value": 7,
        "description": "Dage borgeren har til at svare på et tilbud om en bolig.",
    },
    {
        "code": "payment_demand_days",
        "value": 14,
        "description": "Dage til at betale efter et påkrav om restance, før opsigelse kan ske.",
    },
    {
        "code": "benefit_apply_days",
        "value": 30,
        "description": "Boligstøtte gives fra indflytningen, hvis der søges inden 30 dage.",
    },
]
