"""The application's verbs, shared by the CLI, the line mode and the TUI.

Screens and commands never talk to the store and the engine separately:
answering validates through the engine before anything is written,
completing refuses while required answers are missing, and a completed
significance assessment sets the partnership's significance and review
interval. One place, so the interfaces cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from questionnaires import citations
from questionnaires.definition import Definition
from questionnaires.errors import DefinitionError
from questionnaires.library import Library
from store import Register
from store.assessments import is_carried
from wizard import changes, decision_makers, engine, history, raised, repeat_answers, review, review_interval
from wizard.errors import UserError
from wizard.languages import answered_in

ALWAYS_REQUIRED = ("scope", "significance")
SIGNIFICANCE = "significance"


@dataclass
class Governance:
    """The register and the questionnaire library, worked together."""

    register: Register
    library: Library

    # --- the register as the interfaces read and write it ------------------
    # Thin on purpose: one named verb per thing a screen does, so no screen
    # reaches into the store and the store can change under them.

    @property
    def root(self) -> Path:
        """The register's folder (where the wizard keeps its own small files too)."""
        return self.register.root

    def partnerships(self) -> list[dict[str, Any]]:
        """Every partnership's summary row (the index: no partnership file is read)."""
        return self.register.list_partnerships()

    def partnership(self, partnership_id: str) -> dict[str, Any]:
        return self.register.get_partnership(partnership_id)

    def add_partnership(self, name: str, **fields: Any) -> dict[str, Any]:
        return self.register.add_partnership(name, **fields)

    def update_partnership(self, partnership_id: str, **fields: Any) -> dict[str, Any]:
        return self.register.update_partnership(partnership_id, **fields)

    def assessment(self, assessment_id: str) -> dict[str, Any]:
        return self.register.get_assessment(assessment_id)

    def signoffs(self, partnership_id: str) -> list[dict[str, Any]]:
        """The partnership's sign-offs, oldest first."""
        return self.register.list_signoffs(partnership_id)

    def approvals(self, partnership_id: str) -> list[dict[str, Any]]:
        return self.register.list_approvals(partnership_id)

    def actions(self, partnership_id: str) -> list[dict[str, Any]]:
        """The action plan, open and closed."""
        return self.register.list_actions(partnership_id)

    def risks(self, partnership_id: str) -> list[dict[str, Any]]:
        return self.register.list_risks(partnership_id)

    def add_action(self, partnership_id: str, **fields: Any) -> dict[str, Any]:
        return self.register.add_action(partnership_id, **fields)

    def add_risk(self, partnership_id: str, **fields: Any) -> dict[str, Any]:
        return self.register.add_risk(partnership_id, **fields)

    def close_action(self, partnership_id: str, action_id: str, by: str) -> dict[str, Any]:
        return self.register.close_action(partnership_id, action_id, by)

    def update_action(self, action_id: str, owner: str | None = None, due: Any = None) -> dict[str, Any]:
        """Give an open action an owner and/or a due date (what is not given stays)."""
        return self.register.update_action(action_id, owner=owner, due=due)

    def update_risk(self, risk_id: str, **fields: Any) -> dict[str, Any]:
        """Rescore, reassign or retreat a risk not closed: a review of it (the next one is scheduled)."""
        return self.register.update_risk(risk_id, **fields)

    def close_risk(self, partnership_id: str | None, risk_id: str, by: str, reason: str) -> dict[str, Any]:
        return self.register.close_risk(partnership_id, risk_id, by, reason)

    def history(self, partnership_id: str) -> list[history.Entry]:
        """Who changed what in the partnership and when, oldest first (wizard.history), from the shared
        register's audit trail; a register folder keeps none, and its StoreError says so in one line."""
        rows = self.register.history(partnership_id)
        assessments = {a["id"]: a for a in self.register.list_assessments(partnership_id)}
        return history.entries(rows, assessments, self.library)

    def plan_gaps(self, partnership_id: str) -> list[raised.Gap]:
        """What the partnership's open actions and risks still lack (`raised.gaps`), a line each."""
        return raised.gaps(self.actions(partnership_id), self.risks(partnership_id))

    def pending_raised(
        self,
        partnership_id: str,
        actions: list[dict[str, Any]] | None = None,
        risks: list[dict[str, Any]] | None = None,
    ) -> dict[str, raised.Pending]:
        """By questionnaire id: what signing off each current assessment would add to the plan and
        the risk register (`raised.pending`; give the rows when already read). An assessment the
        loaded library cannot read is left out."""
        actions = self.actions(partnership_id) if actions is None else actions
        risks = self.risks(partnership_id) if risks is None else risks
        found: dict[str, raised.Pending] = {}
        for questionnaire_id, assessment in self.current_assessments(partnership_id).items():
            try:
                result = self.evaluate(assessment)
            except (UserError, DefinitionError):
                continue
            found[questionnaire_id] = raised.pending(assessment, result, actions, risks)
        return found

    # --- who decides --------------------------------------------------------

    def decision_makers(self, kind: str) -> dict[str, Any]:
        """{by, role, consulted} last used for a "sign-off" or an "approval" in this register ({} when none):
        the dialogs offer them as starting values, never fill them in unasked."""
        return decision_makers.load(self.root, kind)

    def whoami(self) -> dict[str, Any]:
        """Who is using the register: {login, display_name, role (highest pwiz role, None), shared}. On the
        shared register PostgreSQL says (the authenticated login); a folder knows only the OS user."""
        return self.register.whoami()

    def default_signer(self) -> str:
        """The name a decision is recorded under when none is typed: on the shared register the login's
        display name (the database records the login beside it anyway); "" on a folder, which knows nobody."""
        me = self.whoami()
        return str(me["display_name"]) if me["shared"] else ""

    def remember_decision_makers(self, kind: str, by: str, role: str, consulted: list[str]) -> None:
        decision_makers.save(self.root, kind, by, role, consulted)

    @staticmethod
    def check_decision(kind: str, **fields: Any) -> dict[str, Any]:
        """The decision's fields as the register will store them, or its StoreError saying why not,
        before anything is written (a dialog reads them back before freezing them)."""
        from store.records import SignoffFields, validated

        return validated(SignoffFields, kind, fields)

    # --- data-sheet facts answered in a questionnaire ---------------------------

    def datasheet_facts(self, assessment: dict[str, Any]) -> dict[str, Any]:
        """The data-sheet fields this assessment's answers give (the questions marked
        `datasheet:` in its questionnaire) where the data sheet holds something else,
        field -> answered value."""
        sheet = self.partnership(assessment["partnership_id"])
        definition = self.library.get(assessment["questionnaire_id"])
        facts = {}
        for question in definition.questions():
            value = (assessment["answers"].get(question.id) or {}).get("value")
            if question.datasheet and engine.is_answered(value) and sheet.get(question.datasheet) != value:
                facts[question.datasheet] = value
        return facts

    # --- partnerships -----------------------------------------------------

    def required_questionnaires(self, partnership: dict[str, Any]) -> list[str]:
        """Scope and significance always; then what the outcomes of the newest assessment of each
        required questionnaire require, in turn (an authority's own scope may require its own
        intake form, which may require more). An assessment the library cannot read adds nothing."""
        newest = self.current_assessments(partnership["id"])
        required = list(ALWAYS_REQUIRED)
        for questionnaire_id in required:  # grows as outcomes require more
            assessment = newest.get(questionnaire_id)
            if assessment is None or questionnaire_id not in self.library.definitions:
                continue
            try:
                outcomes = self.evaluate(assessment).outcomes
            except (UserError, DefinitionError):
                continue
            required += [q for outcome in outcomes for q in outcome.requires if q not in required]
        return [q for q in required if q in self.library.definitions]

    def latest(self, partnership_id: str, questionnaire_id: str) -> dict[str, Any] | None:
        """The newest assessment of one questionnaire for a partnership, any status."""
        return self.current_assessments(partnership_id).get(questionnaire_id)

    def current_assessments(self, partnership_id: str) -> dict[str, dict[str, Any]]:
        """The newest assessment of each questionnaire the partnership has, by questionnaire id."""
        newest: dict[str, dict[str, Any]] = {}
        # list_assessments is oldest first and created_at has whole seconds: on a tie the later one is newer.
        for assessment in sorted(self.register.list_assessments(partnership_id), key=lambda a: a["created_at"]):
            newest[assessment["questionnaire_id"]] = assessment
        return newest

    def open_flags(self, partnership_id: str) -> list[engine.Flag]:
        """Flags raised by the newest assessment of each questionnaire.

        An assessment the loaded library cannot read (another version) is skipped.
        """
        flags: list[engine.Flag] = []
        for questionnaire_id, assessment in self.current_assessments(partnership_id).items():
            if questionnaire_id not in self.library.definitions:
                continue
            try:
                flags.extend(self.evaluate(assessment).flags)
            except UserError:
                continue
        return flags

    # --- assessments ------------------------------------------------------

    def asked(self, questionnaire_id: str, question_id: str) -> str:
        """A question as an officer names it: "QUESTIONNAIRE: QUESTION", never its id."""
        return citations.asked(self.library.get(questionnaire_id), question_id)

    def raised_by(self, partnership_id: str, rows: list[dict[str, Any]]) -> dict[str, str]:
        """Where each action or risk row was raised, as an officer reads it, by row id:
        "QUESTIONNAIRE: QUESTION" from its `source` ("ASSESSMENT QUESTION-ID"), "register" for one
        added by hand. The partnership's assessments are read once for all the rows."""
        assessments = {a["id"]: a for a in self.register.list_assessments(partnership_id)}
        return {row["id"]: self._raised_by(row.get("source"), assessments) for row in rows}

    def _raised_by(self, source: str | None, assessments: dict[str, dict[str, Any]]) -> str:
        assessment_id, _, question_id = (source or "").partition(" ")
        assessment = assessments.get(assessment_id)
        if not question_id or assessment is None:
            return source or "register"
        try:
            definition = self.definition_for(assessment)
        except UserError:  # answered under a version not loaded: its words as stored
            return source or "register"
        return (
            citations.asked(definition, question_id)
            if question_id in definition.model.by_id
            else (source or "register")
        )

    def definition_for(self, assessment: dict[str, Any]) -> Definition:
        """The definition an assessment was answered under."""
        definition = self.library.get(assessment["questionnaire_id"])
        if definition.version != assessment["questionnaire_version"]:
            raise UserError(
                f"assessment {assessment['id']} was answered under {definition.id} version "
                f"{assessment['questionnaire_version']}, but version {definition.version} is loaded; "
                f"add the old definition file with --questionnaires to open it"
            )
        return definition

    def open_assessment(self, partnership_id: str, questionnaire_id: str) -> dict[str, Any]:
        """The unsigned assessment to carry on with, or a new draft (a review,
        pre-filled with carried answers, when the last one was signed off)."""
        return review.open_draft(self, partnership_id, questionnaire_id).assessment

    def start_review(self, partnership_id: str, questionnaires: list[str] | None = None) -> list[review.Draft]:
        """Drafts of every required questionnaire (or of those named), carried from the last sign-offs."""
        return review.start(self, partnership_id, questionnaires)

    def review_choices(self, partnership_id: str) -> list[review.Choice]:
        """What a review could take in, and what starting each would do (the wizard asks before starting)."""
        return review.choices(self, partnership_id)

    def unconfirmed(self, assessment: dict[str, Any]) -> list[str]:
        """Shown questions whose answer was carried and not yet confirmed or changed."""
        definition = self.definition_for(assessment)
        answers = assessment["answers"]
        shown = [q.id for q in engine.visible_questions(definition, answers)]
        shown += [g.section.id for g in engine.groups(definition, answers)]  # a repeat section's items carry as one
        return [qid for qid in shown if is_carried(answers.get(qid))]

    def confirm(self, assessment_id: str, question_ids: list[str] | None = None) -> dict[str, Any]:
        """Confirm carried answers as they stand (all shown ones when no ids are given)."""
        assessment = self.register.get_assessment(assessment_id)
        pending = self.unconfirmed(assessment)
        chosen = pending if not question_ids else question_ids
        for question_id in chosen:
            if question_id not in pending:
                raise UserError(
                    f"the answer to '{question_id}' in {assessment_id} is not a carried answer waiting to be confirmed"
                )
        answers = assessment["answers"]
        confirmed = {q: {part: answers[q].get(part) for part in ("value", "note", "action")} for q in chosen}
        if not confirmed:
            return assessment
        return self.register.save_answers(assessment_id, confirmed, expected_revision=assessment["revision"])

    def changes_since_review(
        self, assessment: dict[str, Any], by_id: dict[str, dict] | None = None
    ) -> changes.AssessmentChanges | None:
        """What changed against the signed-off assessment this one renews, if any."""
        if by_id is None:
            by_id = {a["id"]: a for a in self.register.list_assessments(assessment["partnership_id"])}
        previous = changes.previous_signed(assessment, by_id)
        if previous is None:
            return None
        definition = self.definition_for(assessment)
        try:
            before = self.definition_for(previous)
        except UserError:  # an older version that is not loaded: compare under today's definition
            before = definition
        return changes.assessment_changes(before, definition, previous, assessment)

    def action_changes(self, partnership_id: str) -> changes.ActionChanges | None:
        """The action plan against the sign-offs the current assessments renew."""
        assessments = self.register.list_assessments(partnership_id)
        by_id = {a["id"]: a for a in assessments}
        renewed = {
            p["id"]
            for a in self.current_assessments(partnership_id).values()
            if (p := changes.previous_signed(a, by_id))
        }
        times = [
            s.get("recorded_at") or s["signed_at"]
            for s in self.register.list_signoffs(partnership_id)
            if s["assessment_id"] in renewed
        ]
        if not times:
            return None
        return changes.action_changes(self.register.list_actions(partnership_id), max(times))

    def answer(
        self,
        assessment_id: str,
        question_id: str,
        value: Any,
        note: Any = None,
        action: Any = None,
        expected_revision: int | None = None,
    ) -> dict[str, Any]:
        """Validate one answer through the engine, then save it at once."""
        assessment = self.register.get_assessment(assessment_id)
        definition = self.definition_for(assessment)
        record = self.validated(
            definition,
            question_id,
            {"value": value, "note": note, "action": action},
            stored=assessment["answers"].get(question_id),
        )
        saved = self.register.save_answer(
            assessment_id, question_id, expected_revision=expected_revision, language=answered_in(definition), **record
        )
        return self._reopen_if_now_incomplete(saved, definition)

    def answer_many(self, assessment_id: str, answers: dict[str, Any]) -> dict[str, Any]:
        """Validate every answer first; save them all in one write, or none.

        A bare value, or a map without `note` or `action`, changes only what it
        gives: the stored note and action stay (give `note: null` to clear one).
        """
        assessment = self.register.get_assessment(assessment_id)
        definition = self.definition_for(assessment)
        records = {}
        for question_id, given in answers.items():
            raw = given if isinstance(given, dict) else {"value": given}
            unknown = set(raw) - {"value", "note", "action"}
            if unknown:
                raise UserError(
                    f"answer to '{question_id}' has unknown field(s) {', '.join(sorted(unknown))}; use value, note, action"
                )
            stored = assessment["answers"].get(question_id) or {}
            merged = {part: raw[part] if part in raw else stored.get(part) for part in ("value", "note", "action")}
            records[question_id] = self.validated(definition, question_id, merged, stored=stored)
        saved = self.register.save_answers(
            assessment_id, records, expected_revision=assessment["revision"], language=answered_in(definition)
        )
        return self._reopen_if_now_incomplete(saved, definition)

    @staticmethod
    def validated(
        definition: Definition, question_id: str, raw: dict[str, Any], stored: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The stored form of one answer, or a UserError naming the question.

        A note or action is taken only where the question offers its box (a
        text kept from an older version of the questionnaire may stay)."""
        if definition.repeat(question_id) is not None:
            return repeat_answers.validated_group(definition, question_id, raw)
        if question_id in definition.group_of:
            raise UserError(repeat_answers.asked_per_item(definition, question_id))
        if question_id not in definition.model.by_id:
            raise UserError(
                f"'{question_id}' is not a question of {definition.id}; see 'pwiz questionnaires show {definition.id}'"
            )
        question = definition.question(question_id)
        try:
            record = {
                "value": engine.normalise(question, raw.get("value")),
                "note": engine.normalise_extra("the note", raw.get("note")),
                "action": engine.normalise_extra("the action", raw.get("action")),
            }
        except engine.InvalidAnswer as exc:
            raise UserError(f"answer to '{question_id}': {exc}") from None
        for part, box in (("note", question.note), ("action", question.action)):
            if box is None and record[part] is not None and record[part] != (stored or {}).get(part):
                raise UserError(
                    f"answer to '{question_id}': this question has no {part} box, so it takes no {part}; "
                    f"leave the {part} out (see 'pwiz questionnaires show {definition.id}')"
                )
        return record

    def _reopen_if_now_incomplete(self, assessment: dict[str, Any], definition: Definition) -> dict[str, Any]:
        """A complete assessment whose answers now leave gaps goes back to draft."""
        if assessment["status"] == "complete" and engine.missing(definition, assessment["answers"]):
            return self.register.set_status(assessment["id"], "draft")
        return assessment

    def evaluate(self, assessment: dict[str, Any]) -> engine.Evaluation:
        return engine.evaluate(self.definition_for(assessment), assessment["answers"])

    def complete(self, assessment_id: str) -> dict[str, Any]:
        """Mark complete, refusing while anything required is missing.

        Completing applies the assessment's consequences: significance and
        review interval onto the partnership.
        """
        assessment = self.register.get_assessment(assessment_id)
        result = self.evaluate(assessment)
        self._refuse_unfinished(assessment, result)
        if assessment["status"] == "draft":
            assessment = self.register.set_status(assessment_id, "complete")
        sheet = self._outcome_fields(assessment, result)
        joining = self._joining_review(assessment, sheet)
        if sheet:
            self.register.update_partnership(assessment["partnership_id"], **sheet)
        self._open_drafts(assessment["partnership_id"], joining)
        return assessment

    def _refuse_unfinished(self, assessment: dict[str, Any], result: engine.Evaluation) -> None:
        """One UserError line while anything required is missing or a carried answer is unconfirmed."""
        assessment_id = assessment["id"]
        if result.missing:
            first = ", ".join(str(m) for m in result.missing[:3])
            more = f" and {len(result.missing) - 3} more" if len(result.missing) > 3 else ""
            raise UserError(f"assessment {assessment_id} is not complete: {first}{more}")
        carried = self.unconfirmed(assessment)
        if carried:
            listed = ", ".join(carried[:3]) + (f" and {len(carried) - 3} more" if len(carried) > 3 else "")
            raise UserError(
                f"assessment {assessment_id} has {len(carried)} carried answer(s) not yet confirmed ({listed}): "
                f"confirm them ('pwiz confirm {assessment_id}') or answer them again"
            )

    def _outcome_fields(self, assessment: dict[str, Any], result: engine.Evaluation) -> dict[str, Any]:
        """The data-sheet fields a finished assessment sets: a significance assessment's level, and
        the review interval, the shortest any required questionnaire's outcome asks for
        (wizard.review_interval). When only significance can set one, only its assessments change
        it; when another questionnaire can, any assessment may (its outcome, or what it requires)."""
        fields: dict[str, Any] = {}
        if assessment["questionnaire_id"] == SIGNIFICANCE:
            significance = result.outcome(SIGNIFICANCE)
            if significance is None or significance.value is None:
                return {}
            fields["significance"] = significance.value
        elif not any(review_interval.declares_interval(d) for d in self.library if d.id != SIGNIFICANCE):
            return {}
        return fields | {"review_interval_months": review_interval.shortest(self, assessment, result)}

    def _joining_review(self, assessment: dict[str, Any], sheet: dict[str, Any]) -> list[str]:
        """The questionnaires a review's new data sheet (`sheet`: its significance) brings into the
        review; worked out before the write that sets it, opened (`_open_drafts`) after."""
        if not (sheet and assessment.get("renews")):
            return []
        pid = assessment["partnership_id"]
        return review.joining(self, pid, {**self.register.get_partnership(pid), **sheet})

    def _open_drafts(self, partnership_id: str, questionnaire_ids: list[str]) -> None:
        for questionnaire_id in questionnaire_ids:
            review.open_draft(self, partnership_id, questionnaire_id)

    def sign_off(self, assessment_id: str, **fields: Any) -> dict[str, Any]:
        """Sign off a complete assessment (completing it first if nothing is missing).

        The actions its answers raise join the partnership's action plan, where
        they are carried from review to review until someone closes them; the
        risks they raise join its risk register.
        """
        assessment = self.register.get_assessment(assessment_id)
        result = self.evaluate(assessment)
        if assessment["status"] == "draft" or self.unconfirmed(assessment):  # complete was checked when marked
            self._refuse_unfinished(assessment, result)
        # The data sheet takes the significance it sets and the facts it answers in the same write.
        sheet = {**self.datasheet_facts(assessment), **self._outcome_fields(assessment, result)}
        joining = self._joining_review(assessment, sheet)
        signoff = self.register.sign_off(  # one write of the file and one of the index, whatever it changes
            assessment_id,
            **fields,
            raises=lambda actions, risks: raised.new_rows(assessment_id, result, actions, risks),
            sheet=sheet or None,
            completing=True,
        )
        self._open_drafts(assessment["partnership_id"], joining)
        return signoff

    def flag_counts(self, partnership_ids: list[str] | None = None) -> dict[str, int]:
        """Open flags per partnership (as `open_flags` counts them), for all of them by default.

        Served from the register's derived-data cache (wizard.derived): only
        partnerships changed since the last count are read and evaluated. One
        whose file cannot be read is left out (the store's error names it).
        """
        from wizard.derived import flags_by_partnership

        found = flags_by_partnership(self, partnership_ids, failed={})
        return {pid: value["flags"] for pid, value in found.items()}

    # --- the Association Register (001) ------------------------------------------

    def associations(self) -> list[dict[str, Any]]:
        """Every association and group members and officers belong to, by name."""
        return self.register.associations.all()

    def association(self, id_or_name: str) -> dict[str, Any]:
        return self.register.associations.get(id_or_name)

    def add_association(self, name: str, evaluation: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        return self.register.associations.add(name, evaluation, **fields)

    def update_association(
        self,
        id_or_name: str,
        expected_revision: int | None = None,
        evaluation: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Change its data sheet and/or record an evaluation; refused if changed since `expected_revision`."""
        return self.register.associations.update(id_or_name, expected_revision, evaluation, **fields)

    def association_offer(self, assessment: dict[str, Any]) -> dict[str, Any] | None:
        """The data sheet of the association to record, pre-filled from the partnership, when the
        assessment's outcome puts its body on the Association Register (an outcome case marked
        `association_register`) and no association is linked to the partnership yet; else None."""
        try:
            outcomes = self.evaluate(assessment).outcomes
        except (UserError, DefinitionError):
            return None
        if not any(outcome.association_register for outcome in outcomes):
            return None
        pid = assessment["partnership_id"]
        if any(a.get("partnership_id") == pid for a in self.associations()):
            return None
        return self.association_from(pid)

    def association_from(self, partnership_id: str) -> dict[str, Any]:
        """An association's data sheet pre-filled from a partnership's: its name, purpose, partners
        (as the other organisations) and representatives (as the members who belong), and the link."""
        partnership = self.partnership(partnership_id)
        partners = [p["name"] if isinstance(p, dict) else p for p in partnership.get("partners") or []]
        members = list(partnership.get("representatives") or [])  # the same people, with their appointments
        sheet = {
            "name": partnership["name"],
            "purpose": partnership.get("purpose"),
            "organisations": partners,
            "members": members,
            "partnership_id": partnership["id"],
        }
        return {field: value for field, value in sheet.items() if value not in (None, [])}

    def association_hint(self, assessment: dict[str, Any]) -> str | None:
        """The line the CLI prints after an assessment whose body belongs on the Association Register:
        the command that records the offered association (`association_offer`)."""
        offer = self.association_offer(assessment)
        if offer is None:
            return None
        import shlex

        command = f"pwiz association add {shlex.quote(offer['name'])} --partnership {offer['partnership_id']}"
        return f"It belongs on the Association Register, not the Partnership Register: record it with {command}"

    # --- evidence: documents kept with a partnership (store.evidence) -----------

    def attach_evidence(self, partnership_id: str, path: Path, **fields: Any) -> tuple[dict[str, Any], bool]:
        """Copy the document at `path` into the register (store.evidence); (its record, whether it is new)."""
        from store.evidence import read_source

        if fields.get("assessment_id") and fields.get("question_id"):
            self.check_evidence_question(fields["assessment_id"], fields["question_id"])
        return self.register.add_evidence(partnership_id, read_source(path), path.name, **fields)

    def check_evidence_question(self, assessment_id: str, question_id: str) -> None:
        """A document is linked only to a question of the linked assessment's questionnaire."""
        definition = self.definition_for(self.assessment(assessment_id))
        if question_id not in definition.model.by_id:
            raise UserError(
                f"{definition.id} (assessment {assessment_id}) has no question {question_id!r}; "
                f"'pwiz questionnaires show {definition.id}' lists its question ids"
            )

    def evidence(self, partnership_id: str) -> list[dict[str, Any]]:
        """The partnership's documents, oldest first."""
        return self.register.list_evidence(partnership_id)

    def use_language(self, language: str | None) -> None:
        """Word every questionnaire in `language` from now on, where it has it (the wizard's
        language switch); answers are ids, so nothing stored changes."""
        self.library = self.library.in_language(language)
