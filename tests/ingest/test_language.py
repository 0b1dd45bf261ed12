"""The language of each document, detected at ingest (ISO 639-1), so that the run can say what it cannot read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.ingest.documents import build_document
from sitrep.ingest.english import clearly_english
from sitrep.ingest.inbox import ingest_inbox
from sitrep.ingest.language import _identifier, detect_language, document_language

GOLD = Path(__file__).resolve().parents[1] / "gold"

FRENCH = (
    "KHARKIV, 12 juin (Reuters) - Des frappes de drones russes ont tué trois civils et blessé douze autres "
    "mardi soir à Kharkiv, a annoncé le gouverneur régional.\n\nLes frappes ont touché un immeuble "
    "résidentiel et une station-service dans le quartier de Saltivka, selon les services de secours.\n"
)
ENGLISH = (
    "Russian drones struck Kharkiv on Tuesday night, killing three civilians, the regional governor said.\n"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        (
            "Russische Drohnen haben in der Nacht die Hafenstadt Odessa angegriffen, zwei Menschen starben.",
            "de",
        ),
        ("Російські війська обстріляли Херсон у вівторок, загинули двоє людей.", "uk"),
        ("Российские войска обстреляли Херсон во вторник, погибли два человека.", "ru"),
        ("قصفت القوات الروسية مدينة خيرسون يوم الثلاثاء مما أسفر عن مقتل شخصين.", "ar"),
        ("Las fuerzas rusas bombardearon Jersón el martes y mataron a dos personas.", "es"),
    ],
)
def test_news_sentences_are_told_apart_by_language(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["Kyiv, Kharkiv, Odesa.", "UPDATE 1445 GMT:", "", "12 / 06 / 2024 - 14:45"])
def test_too_little_text_or_no_clear_winner_gives_no_language(text):
    assert detect_language(text) is None


def test_the_language_is_that_of_the_readable_passages_not_the_page_furniture():
    # An English report whose page furniture (credit and link lines) is French stays English.
    text = (
        "Photo : AFP / archives de la rédaction\n\nLire aussi : les dernières nouvelles du front\n\n"
        + ENGLISH
    )
    document = build_document("d", text, datetime(2024, 6, 12, tzinfo=UTC))
    assert document_language(document) == "en"


def test_ingest_records_the_language_of_each_new_document(tmp_path: Path):
    (tmp_path / "fr_wire.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "kharkiv.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "dateline.txt").write_text("KYIV, June 12\n", encoding="utf-8")
    documents = ingest_inbox(tmp_path, {}, max_bytes=10_000).documents
    assert {d.document_id: d.language for d in documents} == {
        "dateline": None,
        "fr_wire": "fr",
        "kharkiv": "en",
    }


# News sentences in other languages (written for this test; 'sco' is Scots, which the model reads as English,
# and two texts quote English inside Dutch and French): the function-word path never answers for them.
OTHER_LANGUAGES = [
    (
        "fr",
        "KHARKIV, 12 juin (Reuters) - Des frappes de drones russes ont tué trois civils et blessé douze autres mardi soir à Kharkiv, a annoncé le gouverneur régional. Les frappes ont touché un immeuble résidentiel et une station-service dans le quartier de Saltivka, selon les services de secours.",
    ),
    (
        "de",
        "Russische Drohnen haben in der Nacht die Hafenstadt Odessa angegriffen, zwei Menschen starben. Nach Angaben des Gouverneurs wurden in der Stadt mehrere Wohnhäuser und ein Umspannwerk getroffen; die Feuerwehr war bis zum Morgen im Einsatz.",
    ),
    (
        "es",
        "Las fuerzas rusas bombardearon Jersón el martes y mataron a dos personas, informó el gobernador regional. El ataque alcanzó un edificio de viviendas y una estación de autobuses en el centro de la ciudad, según los servicios de emergencia.",
    ),
    (
        "it",
        "Le forze russe hanno bombardato Kherson martedì, uccidendo due persone e ferendone altre sette, ha detto il governatore della regione. Il colpo ha raggiunto un condominio e una stazione degli autobus nel centro della città.",
    ),
    (
        "pt",
        "As forças russas bombardearam Kherson na terça-feira e mataram duas pessoas, disse o governador regional. O ataque atingiu um prédio residencial e uma estação de ônibus no centro da cidade, segundo os serviços de emergência.",
    ),
    (
        "nl",
        "Russische troepen hebben dinsdag Cherson beschoten, waarbij twee mensen om het leven kwamen, zei de gouverneur van de regio. Het was de derde aanval in een week; een flatgebouw en een busstation in het centrum van de stad werden getroffen.",
    ),
    (
        "nl",
        "De minister zei dat het leger in de nacht van maandag op dinsdag drones had neergeschoten boven de stad. Of er slachtoffers waren is nog niet bekend, maar het was een van de zwaarste aanvallen in maanden.",
    ),
    (
        "af",
        "Russiese magte het Dinsdag Kherson gebombardeer en twee mense is dood, het die streekgoewerneur gesê. Die aanval het 'n woonstelblok en 'n busstasie in die middestad getref, volgens die nooddienste. Dit was die derde aanval in 'n week.",
    ),
    (
        "sv",
        "Ryska styrkor besköt Cherson på tisdagen och dödade två personer, uppger regionens guvernör. Attacken träffade ett bostadshus och en busstation i stadens centrum, enligt räddningstjänsten. Det var den tredje attacken på en vecka.",
    ),
    (
        "da",
        "Russiske styrker beskød Kherson tirsdag og dræbte to personer, oplyser regionens guvernør. Angrebet ramte en boligblok og en busstation i byens centrum, ifølge redningstjenesten. Det er det tredje angreb på en uge, og det er for tidligt at sige, hvad der sker.",
    ),
    (
        "no",
        "Russiske styrker beskjøt Kherson tirsdag og drepte to personer, opplyser guvernøren i regionen. Angrepet traff en boligblokk og en busstasjon i sentrum av byen, ifølge nødetatene. Det er for tidlig å si om det vil komme flere angrep.",
    ),
    (
        "pl",
        "Siły rosyjskie ostrzelały we wtorek Chersoń, zabijając dwie osoby, poinformował gubernator regionu. Pocisk trafił w blok mieszkalny i dworzec autobusowy w centrum miasta. To był trzeci atak w ciągu tygodnia, a to nie koniec.",
    ),
    (
        "ro",
        "Forțele ruse au bombardat marți orașul Herson, ucigând două persoane, a anunțat guvernatorul regiunii. Atacul a lovit un bloc de locuințe și o stație de autobuz din centrul orașului. Armata are informații despre alte atacuri.",
    ),
    (
        "tr",
        "Rus kuvvetleri salı günü Herson'u bombaladı ve iki kişi hayatını kaybetti, bölge valisi açıkladı. Saldırı şehir merkezindeki bir apartmanı ve bir otobüs durağını vurdu. Bu, bir hafta içindeki üçüncü saldırıydı.",
    ),
    (
        "id",
        "Pasukan Rusia menembaki Kherson pada hari Selasa dan menewaskan dua orang, kata gubernur wilayah tersebut. Serangan itu mengenai sebuah gedung apartemen dan terminal bus di pusat kota, menurut layanan darurat setempat.",
    ),
    (
        "tl",
        "Binomba ng mga puwersa ng Russia ang Kherson noong Martes at dalawang tao ang namatay, ayon sa gobernador ng rehiyon. Tinamaan ng pag-atake ang isang gusaling tirahan at isang istasyon ng bus sa sentro ng lungsod.",
    ),
    (
        "sw",
        "Vikosi vya Urusi vilishambulia Kherson siku ya Jumanne na kuua watu wawili, gavana wa eneo hilo alisema. Shambulio hilo lilipiga jengo la makazi na kituo cha mabasi katikati ya jiji, kwa mujibu wa huduma za dharura.",
    ),
    (
        "so",
        "Ciidamada Ruushka ayaa Talaadadii duqeeyay magaalada Kherson, waxaana ku dhintay laba qof, sida uu sheegay guddoomiyaha gobolka. Weerarka ayaa ku dhacay dhismo la deggan yahay iyo saldhig baska oo ku yaal bartamaha magaalada.",
    ),
    (
        "ha",
        "Dakarun Rasha sun kai hari a birnin Kherson ranar Talata inda mutane biyu suka mutu, in ji gwamnan yankin. Harin ya afka wa wani gidan zama da tashar mota a tsakiyar birnin, a cewar jami'an agajin gaggawa.",
    ),
    (
        "ca",
        "Les forces russes van bombardejar Kherson dimarts i van matar dues persones, segons el governador de la regió. L'atac va afectar un edifici d'habitatges i una estació d'autobusos al centre de la ciutat.",
    ),
    (
        "cs",
        "Ruské síly v úterý ostřelovaly Cherson a zabily dva lidi, uvedl gubernátor oblasti. Útok zasáhl obytný dům a autobusové nádraží v centru města. To byl už třetí útok za týden a to není konec.",
    ),
    (
        "hu",
        "Az orosz erők kedden lőtték Herszont, két ember meghalt, közölte a megye kormányzója. A támadás egy lakóházat és egy buszpályaudvart talált el a város központjában a mentőszolgálat szerint.",
    ),
    (
        "fi",
        "Venäjän joukot pommittivat tiistaina Hersonia ja tappoivat kaksi ihmistä, kertoi alueen kuvernööri. Isku osui kerrostaloon ja linja-autoasemaan kaupungin keskustassa pelastuspalvelun mukaan.",
    ),
    ("uk", "Російські війська обстріляли Херсон у вівторок, загинули двоє людей."),
    ("ru", "Российские войска обстреляли Херсон во вторник, погибли два человека."),
    ("ar", "قصفت القوات الروسية مدينة خيرسون يوم الثلاثاء مما أسفر عن مقتل شخصين."),
    (
        "en",
        "The Roushie forces shelled Kherson on Tuesday an killt twa fowk, the regional guvernor said. The attack hit a block o flats an a bus station in the toun centre, accordin tae the emergency services.",
    ),
    (
        "nl",
        "Het ministerie zei dinsdag: 'The attack was carried out with drones.' De gouverneur van de regio bevestigde dat er twee doden waren gevallen bij de aanval op het station van de stad en dat de brandweer ter plaatse was.",
    ),
    (
        "fr",
        "Le porte-parole a déclaré que « the situation remains under control » et que les frappes de mardi avaient visé des dépôts de carburant près de la ville, selon l'état-major de l'armée.",
    ),
]


@pytest.mark.parametrize(("code", "text"), OTHER_LANGUAGES)
def test_the_english_fast_path_leaves_other_languages_to_the_model(code, text):
    assert detect_language(text) == code
    assert clearly_english(text[:300]) is (code == "en")


def model_language(text: str) -> str | None:
    """What detect_language answered before the fast path: the model alone."""
    sample = text[:300]
    if sum(map(str.isalpha, sample)) < 20:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= 0.5 else None


def test_the_fast_path_gives_the_models_answer_on_every_gold_text():
    # every gold file but the blind sets, as ingest reads them (the readable passages)
    samples = [
        document_language_sample(json.loads(line))
        for path in sorted(GOLD.glob("*.jsonl"))
        if not path.name.startswith(("acled_blind", "happenings_blind"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(samples) > 900
    fast = [text for text in samples if clearly_english(text[:300])]
    assert len(fast) > 0.8 * len(samples)  # most English news is decided without the model
    assert [detect_language(text) for text in samples] == [model_language(text) for text in samples]


def document_language_sample(record: dict) -> str:
    document = build_document(record["id"], record["text"], None)
    return "\n\n".join(document.segment_text(segment) for segment in document.segments) or document.text
