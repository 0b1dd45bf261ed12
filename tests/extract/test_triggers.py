from sitrep.extract.heads import RULE_IDS, SELECT_CHAIN, SentenceRule, select, select_heads
from sitrep.extract.text import tokenize
from sitrep.extract.triggers import find_triggers


def heads(text: str, subject_ends=frozenset()):
    toks = tokenize(text, 0)
    lows = [t.low for t in toks]
    return select(find_triggers(toks, lows, set(subject_ends)), lows)


def test_verb_trigger_gives_type_and_mode():
    (t,) = heads("They shelled the market.")
    assert (t.event_type, t.d.mode, t.passive) == ("ASSAULT", "artillery", False)


def test_passive_voice_is_detected():
    (t,) = heads("Two soldiers were killed by a mine.")
    assert t.passive and t.event_type == "ASSAULT"


def test_noun_after_determiner_is_not_a_verb():
    (t,) = heads("The attacks continued.")
    assert t.d.pos == "noun"


def test_adjective_participle_is_not_an_event():
    assert heads("The package brings new targeted measures.") == []


def test_support_verb_yields_to_content_noun():
    (t,) = heads("Ministers agreed a new package of sanctions against Iran.")
    assert t.event_type == "SANCTION"


def test_generic_noun_yields_to_a_verb_of_another_type():
    (t,) = heads("Kyiv asked for more air defence against daily missile strikes.")
    assert t.event_type == "REQUEST"


def test_future_cue_marks_planned():
    (t,) = heads("The president will visit Tokyo.")
    assert t.factuality == "planned"


def test_denial_is_marked():
    (t,) = heads("Minsk denied that it supplied weapons to Baku.", {0})
    assert t.factuality == "denied"


def test_interception_heads_an_event_only_without_an_attack_in_the_sentence():
    (t,) = heads("Most of the drones were intercepted.")
    assert t.has("intercept")
    (t,) = heads("Russia attacked Lviv with drones, most of which were intercepted.", {0})
    assert not t.has("intercept")


def test_action_heads_rather_than_a_count():
    (t,) = heads("Four soldiers died when militants attacked the base.")
    assert t.d.lemma == "attack"


def test_promise_verbs_are_planned_aid():
    (t,) = heads("Canada pledged 50 armoured vehicles.", {0})
    assert t.event_type == "AID" and t.factuality == "planned"


def test_participle_describing_an_earlier_event_is_no_event():
    (t,) = heads("The bloc adopted sanctions against Iran, targeting drone makers.")
    assert t.event_type == "SANCTION"


def test_negated_acceptance_is_a_rejection():
    (t,) = heads("The group said it would not accept the ceasefire plan.")
    assert t.event_type == "REJECT" and t.factuality is None


def test_object_retypes_seizure_of_a_ship(extract):
    (ev,) = extract("Iranian commandos seized a container ship in the Strait of Hormuz.")
    assert ev["event_type"] == "COERCE"


def test_purpose_infinitive_after_an_agreement_is_no_event():
    assert [
        t.event_type
        for t in heads("The two states agreed on Monday to form a border unit to fight smugglers.")
    ] == ["AGREE"]


def test_first_infinitive_after_agree_is_the_event_agreed():
    assert [t.event_type for t in heads("The rebels agreed to withdraw from the town.")] == ["RETREAT"]


def test_participle_describing_a_noun_does_not_head_the_sentence():
    assert [
        t.event_type
        for t in heads("The troops withdrew on Friday, ending a deployment demanded by parliament.")
    ] == ["RETREAT"]


def test_a_march_is_a_protest_and_its_demand_is_part_of_it():
    assert [
        t.event_type for t in heads("Thousands of teachers marched in the capital to demand higher pay.")
    ] == ["PROTEST"]


def test_demand_voiced_by_protesters_is_a_protest():
    assert [
        t.event_type for t in heads("Police arrested ten protesters who were demanding new elections.")
    ] == [
        "COERCE",
        "PROTEST",
    ]


def _chain(text: str):
    toks = tokenize(text, 0)
    lows = [t.low for t in toks]
    found = find_triggers(toks, lows)
    before = [(t.d, t.factuality) for t in found]
    chosen = select_heads(found, lows, trace=True)
    assert [(t.d, t.factuality) for t in found] == before  # the chain changes no trigger it is given
    return chosen


def test_each_head_rule_has_a_stable_unique_id_and_says_what_it_drops():
    assert len(set(RULE_IDS)) == len(RULE_IDS) and all(i.startswith("heads.") for i in RULE_IDS)
    for rule in SELECT_CHAIN:
        fn = rule.keep if isinstance(rule, SentenceRule) else (rule.drops or rule.reread)
        assert fn.__doc__ and '"' in fn.__doc__, rule.id  # a docstring with an example


def test_a_negated_agreement_is_re_read_as_a_rejection_in_a_new_trigger():
    chosen = _chain("Serbia did not agree to the plan.")
    (head,) = chosen.heads
    assert head.event_type == "REJECT" and head.factuality is None
    assert head in chosen.triggers  # the sentence's triggers hold the re-reading, not the agreement
    assert [rule for rule, _ in chosen.trace] == ["heads.reread_negated_agreement"]


def test_the_trace_names_the_rule_that_dropped_a_trigger():
    chosen = _chain("The minister ruled out sending troops.")
    assert [t.event_type for t in chosen.heads] == ["REJECT"]
    assert [(rule, t.d.lemma) for rule, t in chosen.trace] == [("heads.drop_reported_speech", "send")]
    chosen = _chain("The UN urged the junta to release detained politicians.")
    assert [t.event_type for t in chosen.heads] == ["REQUEST"]
    assert [(rule, t.d.lemma) for rule, t in chosen.trace] == [
        ("heads.drop_complement_infinitive", "release"),
        ("heads.drop_asked_for", "detain"),
    ]


def test_attackers_leaving_after_their_attack_is_no_retreat():
    assert [t.event_type for t in heads("Rebels shelled the camp for an hour before withdrawing south.")] == [
        "ASSAULT"
    ]


def test_a_withdrawal_on_its_own_is_still_a_retreat():
    (t,) = heads("Government troops withdrew from the town before dawn.")
    assert t.event_type == "RETREAT"


def test_suspended_services_and_testimony_given_are_no_events(extract):
    events = extract(
        "The district clinic suspended services on Monday. Survivors who gave testimony described the raid."
    )
    assert [e["event_type"] for e in events if e["event_type"] in ("REJECT", "AID")] == []
