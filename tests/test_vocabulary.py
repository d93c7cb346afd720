"""The specialty vocabulary file, without Sphinx."""

from __future__ import annotations

from sphinx_clinic.vocabulary import parse_vocabulary

GOOD = """\
# comment
- id: anxiety
  label: Anxiety
  aliases: [worry, Panic attacks]
  description: Persistent worry.
  group: Emotional health
- id: early-parenthood
  label: Early parenthood
  aliases: [postpartum]
"""


def test_ids_labels_and_aliases_resolve_case_insensitively() -> None:
    vocabulary, problems = parse_vocabulary(GOOD)
    assert problems == []
    for text in ("anxiety", "ANXIETY", "worry", "panic attacks", "Panic-Attacks"):
        assert vocabulary.resolve(text) == "anxiety"
    assert vocabulary.resolve("Early Parenthood") == "early-parenthood"
    assert vocabulary.resolve("early_parenthood") == "early-parenthood"
    assert vocabulary.resolve("grief") is None
    assert vocabulary.specialties["anxiety"].line == 2
    assert vocabulary.specialties["anxiety"].group == "Emotional health"


def test_suggestion_for_a_typo() -> None:
    vocabulary, _ = parse_vocabulary(GOOD)
    assert vocabulary.suggestion("anxeity") == "; did you mean 'anxiety'?"
    assert vocabulary.suggestion("zzz") == ""


def test_duplicate_id_and_shared_alias_are_reported_with_lines() -> None:
    text = (
        GOOD + "- id: anxiety\n  label: Again\n- id: stress\n  label: Stress\n  aliases: [worry]\n"
    )
    vocabulary, problems = parse_vocabulary(text)
    assert [p.line for p in problems] == [10, 12]
    assert "duplicate specialty id 'anxiety' (first defined on line 2)" in problems[0].message
    assert "'worry' of specialty 'stress' already names specialty 'anxiety'" in problems[1].message
    assert vocabulary.resolve("worry") == "anxiety"
    assert vocabulary.resolve("stress") == "stress"


def test_missing_label_is_reported_and_derived() -> None:
    vocabulary, problems = parse_vocabulary("- id: life-transitions\n")
    assert problems[0].line == 1 and "has no 'label'" in problems[0].message
    assert vocabulary.specialties["life-transitions"].label == "Life transitions"


def test_entry_without_id() -> None:
    vocabulary, problems = parse_vocabulary("- label: Grief\n- id: x\n  label: X\n")
    assert problems[0].line == 1 and "without an 'id'" in problems[0].message
    assert list(vocabulary.specialties) == ["x"]


def test_malformed_yaml_names_its_line() -> None:
    vocabulary, problems = parse_vocabulary("- id: a\n  label: [unclosed\n- id: b\n")
    assert vocabulary.specialties == {}
    assert problems[0].message.startswith("malformed YAML")
    assert problems[0].line >= 2


def test_not_a_list() -> None:
    _, problems = parse_vocabulary("anxiety: Anxiety\n")
    assert "must be a list" in problems[0].message


def test_specialties_key_wraps_the_list() -> None:
    vocabulary, problems = parse_vocabulary("specialties:\n  - id: a\n    label: A\n")
    assert problems == [] and vocabulary.resolve("a") == "a"
    assert vocabulary.specialties["a"].line == 2
