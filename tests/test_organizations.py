"""Organisations: real sentences through the real models (base and trained NER) and the extractors before
them, as `configs/default.toml` runs them; then the pure naming rules."""
from __future__ import annotations

import pytest

from pipeline.article import Article
from pipeline.config import load_settings
from pipeline.entities import entity_id
from pipeline.extractors.organizations import OrganizationExtractor
from pipeline.extractors.organizations.candidates import ORG_LABEL
from pipeline.extractors.organizations.names import acronym_of, initials
from pipeline.facts import fact_records
from pipeline.mention import KINDS, ORGANIZATION
from pipeline.nlp import TRAINED_NER, load_model
from pipeline.run import Extraction, requested_components
from pipeline.validate import RecordValidator

from conftest import DEFAULT_CONFIG, ROOT

UP_TO_ORGANIZATIONS = ("titles", "people", "organizations")


@pytest.fixture(scope="module")
def run():
    """The default config's titles, people and organizations extractors over one text, with both models."""
    settings = load_settings(DEFAULT_CONFIG)
    settings.extractors = [spec for spec in settings.extractors if spec.name in UP_TO_ORGANIZATIONS]
    nlp = load_model(settings.model.name, requested_components(settings), settings.trained_ner_path)
    extraction = Extraction(settings, nlp)

    def extract(text: str, **fields):
        doc = nlp(text)
        article = Article("test", text, "test", **fields)
        return doc, article, extraction(doc, article)

    return extract


def organizations(mentions):
    return [m for m in mentions if m.kind == ORGANIZATION]


def names(text, mentions):
    return [(text[m.start:m.end], m.value["name"]) for m in organizations(mentions)]


def model_orgs(doc):
    """Token bounds of every ORG either model tags."""
    return [(span.start_char, span.end_char) for span in [*doc.ents, *doc.spans.get(TRAINED_NER, [])]
            if span.label_ == ORG_LABEL]


@pytest.mark.parametrize("text, expected", [
    ("The British Broadcasting Corporation (BBC) said on Monday that the series would return. The BBC did not "
     "say when.", [("British Broadcasting Corporation", "British Broadcasting Corporation"),
                   ("BBC", "British Broadcasting Corporation"), ("BBC", "British Broadcasting Corporation")]),
    ("The deal needs approval from the Competition and Markets Authority, which could take six months. The "
     "question is what the CMA asks for in return, he said.",
     [("Competition and Markets Authority", "Competition and Markets Authority"),
      ("CMA", "Competition and Markets Authority")]),
    ("Netflix Inc reported higher profit on Tuesday. Netflix said it added 9 million subscribers.",
     [("Netflix Inc", "Netflix Inc"), ("Netflix", "Netflix Inc")]),
    # "Carrow" alone is tagged by neither model: the short form of the name found first
    ("The snack maker Carrow Foods will close two of its five UK factories. Carrow said the decision was painful.",
     [("Carrow Foods", "Carrow Foods"), ("Carrow", "Carrow Foods")]),
    # the models stop at "Labour" of "the Labour Democrat candidate": the name goes on in the text
    ("She won 41.2% of the vote, ahead of the Labour Democrat candidate Thomas Agyeman. The swing from the "
     "Labour Democrats was the largest since 2016.",
     [("Labour", "Labour Democrats"), ("Labour Democrats", "Labour Democrats")]),
    # neither model tags "Marlowe Air": a name ending in an organisation word, then its first word alone
    ("The low-cost carrier Marlowe Air has agreed to buy a rival. Marlowe will pay 420p a share in cash.",
     [("Marlowe Air", "Marlowe Air"), ("Marlowe", "Marlowe Air")]),
    # neither model tags it: a name right after an organisation noun
    ("The game was made by the Finnish studio Kallio Games, which employs 40 people.",
     [("Kallio Games", "Kallio Games")]),
    # a club's town alone, after its full name
    ("Kingsport Rovers beat Ashby Town 4-1 on Saturday. Ashby pulled one back before the break.",
     [("Kingsport Rovers", "Kingsport Rovers"), ("Ashby Town", "Ashby Town"), ("Ashby", "Ashby Town")]),
])
def test_a_company_and_its_short_form_or_acronym_get_one_id(run, text, expected):
    _, _, mentions = run(text)
    assert names(text, mentions) == expected
    assert {m.value["entity"] for m in organizations(mentions)} == {entity_id("organization", name)
                                                                    for _, name in expected}


def test_a_channel_is_not_its_broadcaster():
    """"BBC" leaves out "One", which is no word saying what kind of organisation it is."""
    from pipeline.extractors.organizations.names import _short_form_of

    assert not _short_form_of("BBC", "BBC One", frozenset({"foods", "inc"}))
    assert _short_form_of("Carrow", "Carrow Foods", frozenset({"foods", "inc"}))
    assert _short_form_of("Rovers", "Kingsport Rovers", frozenset({"rovers"}))


def test_a_person_is_not_an_organisation(run):
    text = "\"We let our customers down,\" chief executive Marcus Feld said in a video on the company's website."
    doc, _, mentions = run(text)
    person = text.index("Marcus Feld"), text.index("Marcus Feld") + len("Marcus Feld")
    assert any(start < person[1] and person[0] < end for start, end in model_orgs(doc))  # the base model's ORG
    assert [text[m.start:m.end] for m in mentions if m.kind == "person"] == ["Marcus Feld"]
    assert organizations(mentions) == []


def test_a_title_is_not_an_organisation(run):
    text = ("The fantasy series The Lantern Keepers returns in May. The Lantern Keepers also entered the "
            "Streamline Top 10 in 40 countries.")
    doc, _, mentions = run(text)
    assert (text.rindex("The Lantern Keepers"), text.rindex("The Lantern Keepers") + 19) in model_orgs(doc)
    assert len([m for m in mentions if m.kind == "title"]) == 2
    assert organizations(mentions) == []


@pytest.mark.parametrize("text", [
    "The sites in Wrexham and Corby employ 540 and 360 people respectively.",  # places
    "The update to its Bastion security software crashed Windows computers around the world.",  # products
    "The drama won three awards at the 71st British Academy Television Awards in London on Sunday.",  # awards
    "Best actress went to Sofia Lindqvist for The Summer House.",  # a sentence opener
    "Its voice assistant, Nari, can translate phone calls between 16 languages.",  # a product in apposition
    "Meanwhile, Freakier Friday topped the charts in several countries.",  # a word cut out of a longer name
    "Police in the town of Uyo said the corporal had been arrested.",  # a place after a place noun
])
def test_places_products_awards_and_pieces_of_names_are_not_organisations(run, text):
    doc, _, mentions = run(text)
    assert model_orgs(doc)  # a model took something for an organisation
    assert organizations(mentions) == []


def test_a_day_after_an_organisation_noun_is_no_name(run):
    text = "Disney unveiled its much-hyped new streaming service Friday, including a Star Wars series."
    _, _, mentions = run(text)
    assert "Friday" not in [text[m.start:m.end] for m in organizations(mentions)]


@pytest.mark.parametrize("text", [  # names that end in an organisation word or follow an organisation noun
    "Rounding out the top ten were In Good Company, starring Dennis Quaid, and Ocean's Twelve.",  # a title
    "Trade links were disrupted by the collapse of the Soviet Union.",  # a state named like an organisation
    "Palestinians in the West Bank and Gaza observed a strike on Friday.",  # a place ending in "Bank"
    "Total shares to be offered N / A\nShrs offered by company N / A\n",  # one letter after "company"
])
def test_names_found_by_rules_that_are_none(run, text):
    _, _, mentions = run(text)
    assert organizations(mentions) == []


def test_a_headline_name_needs_the_body(run):
    text = ("Velvet Harbour Announce Reunion Tour After Nine-Year Break\n\nThe indie band Velvet Harbour will "
            "play 12 dates in March, the GMB union said.")
    doc, _, mentions = run(text, headline="Velvet Harbour Announce Reunion Tour After Nine-Year Break",
                           headline_span=(0, 58))
    assert any(end <= 58 for _, end in model_orgs(doc))
    assert all(m.start > 58 for m in organizations(mentions))
    assert ("GMB", "GMB") in names(text, mentions)


def test_a_headline_short_form_takes_the_full_name_of_the_body(run):
    text = "Cofinec plunges on H1 results\n\nShares in the packaging company Cofinec S.A. plunged on Friday."
    _, _, mentions = run(text, headline="Cofinec plunges on H1 results", headline_span=(0, 29))
    assert names(text, mentions) == [("Cofinec", "Cofinec S.A."), ("Cofinec S.A.", "Cofinec S.A.")]


def test_offsets_hold_without_the_article_and_the_possessive(run):
    text = "She is the Civic Alliance's fifth MP, and the Civic Alliance leader said it was a great night."
    _, _, mentions = run(text)
    found = organizations(mentions)
    assert [text[m.start:m.end] for m in found] == ["Civic Alliance", "Civic Alliance"]
    assert all(m.value["name"] == "Civic Alliance" and m.value["entity"] == "organization/civic-alliance"
               for m in found)


def test_records_validate_against_the_schema(run):
    text = ("Analyst Devi Raman of Hollis Securities called the figures a clean beat. The BBC and Netflix did "
            "not comment.")
    doc, article, mentions = run(text)
    validator = RecordValidator(ROOT / "configs" / "schemas")
    records = [r for r in fact_records(article, doc, mentions) if r["kind"] == ORGANIZATION]
    assert [r["text"] for r in records] == ["Hollis Securities", "BBC", "Netflix"]
    assert all(validator.error(record) is None for record in records)
    assert all(r["text"] == text[r["start"]:r["end"]] for r in records)


def test_the_default_config_runs_organisations_after_people_and_titles_before_dates():
    order = [spec.name for spec in load_settings(DEFAULT_CONFIG).extractors]
    assert order.index("titles") < order.index("organizations") and order.index("people") < order.index(
        "organizations") < order.index("dates")
    assert ORGANIZATION in KINDS and OrganizationExtractor.kinds == (ORGANIZATION,)


@pytest.mark.parametrize("name, acronym", [("BBC", "BBC"), ("U.N.", "UN"), ("Netflix", None), ("A", None),
                                           ("Civic Alliance", None)])
def test_acronyms(name, acronym):
    assert acronym_of(name) == acronym


@pytest.mark.parametrize("name, letters", [("Competition and Markets Authority", "CMA"),
                                           ("British Broadcasting Corporation", "BBC"),
                                           ("Federation of Small Businesses", "FSB")])
def test_initials_skip_function_words(name, letters):
    assert initials(name) == letters


@pytest.mark.parametrize("text, name", [
    ("The results came six months after Brightwave raised the price of its standard plan by $2. In North "
     "America, where Brightwave has 40 million subscribers, growth was slowing.", "Brightwave"),
    ("Quillon has renewed the crime drama Low Tide for a second season.", "Quillon"),
])
def test_a_name_that_acts_as_only_a_company_acts_is_an_organisation(run, text, name):
    """Whatever a model read the name as (a place, nothing), raising a plan's price, having subscribers or
    renewing a drama are a company's doings; every mention of the name follows."""
    _, _, mentions = run(text)
    found = names(text, mentions)
    assert found and all(written == name and canonical == name for written, canonical in found), found


def test_a_person_or_place_doing_other_things_is_no_company(run):
    text = "Paris raised the question of funding. Maria Lopez has two children and Lyon has 500,000 residents."
    _, _, mentions = run(text)
    assert not organizations(mentions), names(text, mentions)
