"""An outcome case marked `association_register` (questionnaires/README.md): an authority's own scope can send
a body to the Association Register in its own words, and a mark that is not true/false is refused on load."""

import pytest

from questionnaires.errors import DefinitionError
from questionnaires.loader import load_text
from wizard import engine

OWN_SCOPE = """\
schema_version: 1
id: own-scope
title: Our own screening
version: 1
source: {document: 001_1251f4b6c06a9e5b.txt, section: Partnerships Covered by this Policy}
sections:
  - id: s1
    title: Screening
    questions:
      - {id: body, text: "Is it a professional body we join?", type: yes_no}
outcomes:
  - id: where
    title: Where it is recorded
    cases:
      - {when: "body == 'yes'", value: memberships, label: Our memberships list, association_register: MARK}
      - {when: "true", value: partnerships}
"""


def test_the_marked_case_says_so_whatever_its_label():
    definition = load_text(OWN_SCOPE.replace("MARK", "true"), "own-scope.yaml")
    assert engine.evaluate(definition, {"body": {"value": "yes"}}).outcomes[0].association_register
    assert not engine.evaluate(definition, {"body": {"value": "no"}}).outcomes[0].association_register


def test_a_mark_that_is_not_true_or_false_is_refused_naming_it():
    with pytest.raises(DefinitionError, match="association_register"):
        load_text(OWN_SCOPE.replace("MARK", "'yes'"), "own-scope.yaml")
