import hashlib
from datetime import UTC, datetime

from sitrep.extract.run import extract_document
from tests.helpers import make_blog


def test_summary_and_parts_count_each_death_once(extract):
    events = extract(
        "Five civilians were killed and six wounded by Russian shelling of the Kharkiv region. "
        "A missile killed two people in Kupiansk. Three were killed and six wounded in Vovchansk."
    )
    assault = [e for e in events if e["event_type"] == "ASSAULT"]
    agg = [e for e in assault if e["is_aggregate"]]
    assert len(agg) == 1 and agg[0]["fatalities"] is None and agg[0]["injuries"] is None
    assert sum(e["fatalities"] or 0 for e in assault) == 5


def test_headline_and_lead_are_one_event(extract):
    events = extract(
        "Poland sends tanks to Ukraine.\n\nPoland has sent 40 tanks to Ukraine, the ministry said."
    )
    aid = [e for e in events if e["event_type"] == "AID"]
    assert len(aid) == 1 and aid[0]["quantity"] == 40


def test_details_add_to_the_event_not_a_new_one(extract):
    events = extract("Russian forces shelled Kherson. Two people were wounded.")
    (ev,) = [e for e in events if e["event_type"] == "ASSAULT"]
    assert ev["injuries"] == 2 and ev["location_name"] == "Kherson"


def test_separate_places_stay_separate_events(extract):
    events = extract("A drone hit a house in Sumy. Another drone hit a school in Okhtyrka.")
    assert len([e for e in events if e["event_type"] == "ASSAULT"]) == 2


def test_live_blog_entries_are_not_merged():
    t1 = datetime(2024, 6, 20, 9, tzinfo=UTC)
    t2 = datetime(2024, 6, 20, 11, tzinfo=UTC)
    doc = make_blog([(t1, "Russian drones struck Odesa."), (t2, "Russian drones struck Odesa again.")])
    assert len(extract_document(doc)) == 2


def test_event_ids_are_stable_across_runs(extract):
    # The id is a hash of what the event is (document id, evidence span, type), nothing of the run
    # (no counter, clock or Python hash()): a rerun in any process gives each event the same id.
    text = "Turkish jets bombed targets in northern Iraq. Another drone hit a school in Okhtyrka."
    first = extract(text)
    extract("Russian forces shelled Kherson. Two people were wounded.")  # a run in between
    again = extract(text)
    assert len({e["event_id"] for e in first}) == len(first) == 2
    assert [e["event_id"] for e in again] == [e["event_id"] for e in first]
    for event in first:
        key = (
            f"{event['document_id']}:{event['evidence_start']}:{event['evidence_end']}:{event['event_type']}"
        )
        assert event["event_id"] == hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
