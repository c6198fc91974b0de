"""The shared register's tables, the rules the database enforces, and its group roles.

Every partnership is a row of `pwiz.partnerships` (its data sheet as JSONB, its
index summary, and a revision bumped by every change to it or its records);
each of its tables (store.ids.TABLE_KINDS) is a table of JSONB records keyed by
the record's own id, in the order they were added (`seq`). Who may do what is
granted to four group roles, never to people: IT makes each person's login a
member of one (`pwiz db grant`), and PostgreSQL authenticates them.

- `pwiz_reader` reads everything;
- `pwiz_officer` also adds and changes partnerships, answers, actions, risks, documents, and
  enters exported packs in the ledger;
- `pwiz_approver` also signs off and approves (the only role that may mark an assessment signed off);
- `pwiz_admin` also names people and gives the other roles to logins (creating a login through
  `pwiz.create_login`, so an admin needs no CREATEROLE), and copies a whole register in (`pwiz.copy_audit`).

Triggers make sign-offs, approvals, the ledger, stored documents and the audit trail append-only
for everyone (owner included), freeze a signed-off assessment, stamp each sign-off and approval
with the login that recorded it, and write the audit trail (who, when, what before and after).
`install` is idempotent: it is run again after an upgrade.
"""

from __future__ import annotations

from store.ids import TABLE_KINDS

VERSION = 1
SCHEMA = "pwiz"
GROUPS = {
    "reader": "pwiz_reader",
    "officer": "pwiz_officer",
    "approver": "pwiz_approver",
    "admin": "pwiz_admin",
}
CHILD_TABLES = tuple(TABLE_KINDS)  # assessments, signoffs, actions, risks, approvals, issued, evidence
APPEND_ONLY = ("signoffs", "approvals", "issued", "evidence_blobs", "audit")
AUDITED = ("partnerships", "assessments", "signoffs", "approvals", "actions", "risks", "evidence")
DECISIONS = ("signoffs", "approvals")  # stamped with the login that recorded them


def _child_table(name: str) -> str:
    extra = {
        "assessments": ", revision integer NOT NULL",
        "signoffs": ", signed_in_as text NOT NULL DEFAULT session_user",
        "approvals": ", signed_in_as text NOT NULL DEFAULT session_user",
    }.get(name, "")
    return f"""
CREATE TABLE IF NOT EXISTS pwiz.{name} (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    partnership_id text NOT NULL REFERENCES pwiz.partnerships (id),
    record jsonb NOT NULL{extra}
);
CREATE INDEX IF NOT EXISTS {name}_of_partnership ON pwiz.{name} (partnership_id, seq);
"""


_ROLES = "\n".join(
    f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
END $$;"""
    for role in GROUPS.values()
)

_TABLES = (
    """
CREATE SCHEMA IF NOT EXISTS pwiz;
CREATE TABLE IF NOT EXISTS pwiz.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS pwiz.partnerships (
    id text PRIMARY KEY,
    name text NOT NULL,
    record jsonb NOT NULL,
    summary jsonb,
    revision bigint NOT NULL DEFAULT 1,
    seq bigserial
);
CREATE UNIQUE INDEX IF NOT EXISTS partnerships_name ON pwiz.partnerships (lower(name));
"""
    + "".join(_child_table(name) for name in CHILD_TABLES)
    + """
CREATE TABLE IF NOT EXISTS pwiz.evidence_blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data bytea NOT NULL CHECK (encode(sha256(data), 'hex') = sha256)
);
CREATE TABLE IF NOT EXISTS pwiz.documents (name text PRIMARY KEY, content jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS pwiz.people (role text PRIMARY KEY, display_name text NOT NULL);
CREATE TABLE IF NOT EXISTS pwiz.audit (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    who text NOT NULL DEFAULT session_user,
    kind text NOT NULL,
    operation text NOT NULL,
    partnership_id text,
    record_id text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX IF NOT EXISTS audit_of_partnership ON pwiz.audit (partnership_id, seq);
"""
)

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION pwiz.refuse_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'the register''s % are append-only: a recorded one is never changed or removed', TG_TABLE_NAME
        USING ERRCODE = 'PW001';
END $$;

-- The keys whose values differ between two records, with each side's values.
CREATE OR REPLACE FUNCTION pwiz.changed(old jsonb, new jsonb, OUT before jsonb, OUT after jsonb)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(jsonb_object_agg(k, old -> k) FILTER (WHERE old ? k), '{}'),
           coalesce(jsonb_object_agg(k, new -> k) FILTER (WHERE new ? k), '{}')
    FROM jsonb_object_keys(coalesce(old, '{}') || coalesce(new, '{}')) AS k
    WHERE (old -> k) IS DISTINCT FROM (new -> k)
$$;

CREATE OR REPLACE FUNCTION pwiz.guard_assessment() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.record ->> 'status' = 'signed-off' THEN
        RAISE EXCEPTION 'assessment % is signed off, and a signed-off assessment is frozen: start its review instead',
            OLD.id USING ERRCODE = 'PW002';
    END IF;
    IF NEW.record ->> 'status' = 'signed-off' AND NOT pg_has_role(session_user, 'pwiz_approver', 'USAGE') THEN
        RAISE EXCEPTION 'your login % may not sign off: only members of pwiz_approver may; ask an approver, '
            'or your register''s admin to run ''pwiz db grant % --as approver''', session_user, session_user
            USING ERRCODE = 'PW003';
    END IF;
    NEW.revision := (NEW.record ->> 'revision')::integer;
    RETURN NEW;
END $$;

-- Logins are created for pwiz_admin members (`pwiz db grant`), who need no CREATEROLE of their own:
-- this runs as the installer, and creates nothing but a plain login without a password.
CREATE OR REPLACE FUNCTION pwiz.create_login(login text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'pwiz_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'your login % may not create logins: only members of pwiz_admin may', session_user
            USING ERRCODE = 'PW001';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN', login);
END $$;

-- A copy of a whole register (`pwiz db copy`) brings its audit trail along: only into a register that
-- holds nothing yet, before the copied records (whose own inserts are then recorded after it).
CREATE OR REPLACE FUNCTION pwiz.copy_audit(trail jsonb) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pwiz, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'pwiz_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'your login % may not copy an audit trail: only members of pwiz_admin may', session_user
            USING ERRCODE = 'PW001';
    END IF;
    IF EXISTS (SELECT FROM pwiz.partnerships) OR EXISTS (SELECT FROM pwiz.audit) THEN
        RAISE EXCEPTION 'an audit trail is copied only into an empty register' USING ERRCODE = 'PW001';
    END IF;
    INSERT INTO pwiz.audit (at, who, kind, operation, partnership_id, record_id, before, after)
    SELECT (r ->> 'at')::timestamptz, r ->> 'who', r ->> 'kind', r ->> 'operation', r ->> 'partnership_id',
           r ->> 'record_id', r -> 'before', r -> 'after'
    FROM jsonb_array_elements(trail) WITH ORDINALITY AS t(r, n) ORDER BY n;
END $$;

CREATE OR REPLACE FUNCTION pwiz.stamp_login() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.signed_in_as := session_user;
    -- A record may carry the login that recorded it in the register it was copied from (`pwiz db copy`,
    -- shown instead of the copying login); only an admin's copy may bring one, never a client's own claim.
    IF NEW.record ? 'signed_in_as' AND NOT pg_has_role(session_user, 'pwiz_admin', 'MEMBER') THEN
        NEW.record := NEW.record - 'signed_in_as';
    END IF;
    RETURN NEW;
END $$;

-- Runs as the schema's owner (clients may not write the trail themselves); session_user is still
-- the login that made the change. pg_temp is named last in every function's search_path, so a
-- login's temporary types or functions can never stand in for the catalog's; only pwiz's own
-- tables' triggers may call it (a temporary table of the same name could otherwise forge rows).
CREATE OR REPLACE FUNCTION pwiz.audit_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pwiz, pg_temp AS $$
DECLARE
    old_record jsonb := CASE WHEN TG_OP <> 'INSERT' THEN OLD.record END;
    new_record jsonb := CASE WHEN TG_OP <> 'DELETE' THEN NEW.record END;
    row_data jsonb := to_jsonb(coalesce(NEW, OLD));
    before jsonb := old_record;
    after jsonb := new_record;
    answers_before jsonb;
    answers_after jsonb;
BEGIN
    IF TG_TABLE_SCHEMA <> 'pwiz' THEN
        RAISE EXCEPTION 'the audit trail records changes to the register''s own tables only' USING ERRCODE = 'PW001';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF old_record = new_record THEN
            RETURN NULL;  -- the summary or revision changed, not the record
        END IF;
        SELECT d.before, d.after INTO before, after FROM pwiz.changed(old_record, new_record) AS d;
        IF before ? 'answers' OR after ? 'answers' THEN
            SELECT d.before, d.after INTO answers_before, answers_after
            FROM pwiz.changed(old_record -> 'answers', new_record -> 'answers') AS d;
            before := before || jsonb_build_object('answers', answers_before);
            after := after || jsonb_build_object('answers', answers_after);
        END IF;
    END IF;
    INSERT INTO pwiz.audit (kind, operation, partnership_id, record_id, before, after)
    VALUES (TG_TABLE_NAME, lower(TG_OP), coalesce(row_data ->> 'partnership_id', row_data ->> 'id'),
            row_data ->> 'id', before, after);
    RETURN NULL;
END $$;
"""


def _triggers() -> str:
    statements = []
    for table in APPEND_ONLY:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON pwiz.{table};",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON pwiz.{table} "
            "FOR EACH ROW EXECUTE FUNCTION pwiz.refuse_change();",
            f"DROP TRIGGER IF EXISTS {table}_never_emptied ON pwiz.{table};",
            f"CREATE TRIGGER {table}_never_emptied BEFORE TRUNCATE ON pwiz.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION pwiz.refuse_change();",
        ]
    for table in DECISIONS:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_login ON pwiz.{table};",
            f"CREATE TRIGGER {table}_login BEFORE INSERT ON pwiz.{table} "
            "FOR EACH ROW EXECUTE FUNCTION pwiz.stamp_login();",
        ]
    for table in AUDITED:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_audit ON pwiz.{table};",
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON pwiz.{table} "
            "FOR EACH ROW EXECUTE FUNCTION pwiz.audit_change();",
        ]
    statements += [
        "DROP TRIGGER IF EXISTS assessments_guard ON pwiz.assessments;",
        "CREATE TRIGGER assessments_guard BEFORE INSERT OR UPDATE ON pwiz.assessments "
        "FOR EACH ROW EXECUTE FUNCTION pwiz.guard_assessment();",
    ]
    return "\n".join(statements)


def _grants() -> str:
    officer_writes = ", ".join(f"pwiz.{t}" for t in ("partnerships", "assessments", "actions", "risks", "evidence"))
    return f"""
GRANT pwiz_reader TO pwiz_officer;
GRANT pwiz_officer TO pwiz_approver;
GRANT pwiz_approver TO pwiz_admin;
GRANT pwiz_reader, pwiz_officer, pwiz_approver TO pwiz_admin WITH ADMIN OPTION;
GRANT USAGE ON SCHEMA pwiz TO pwiz_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA pwiz TO pwiz_reader;
GRANT INSERT, UPDATE ON {officer_writes}, pwiz.documents TO pwiz_officer;
GRANT INSERT ON pwiz.issued, pwiz.evidence_blobs TO pwiz_officer;
GRANT INSERT ON pwiz.signoffs, pwiz.approvals TO pwiz_approver;
GRANT INSERT, UPDATE ON pwiz.people TO pwiz_admin;
REVOKE ALL ON FUNCTION pwiz.create_login(text), pwiz.copy_audit(jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION pwiz.audit_change(), pwiz.guard_assessment(), pwiz.stamp_login(), pwiz.refuse_change()
    FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pwiz.create_login(text), pwiz.copy_audit(jsonb) TO pwiz_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA pwiz TO pwiz_officer;
INSERT INTO pwiz.meta (key, value) VALUES ('schema_version', '{VERSION}')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
"""


def statements() -> str:
    """The whole installation, as one script."""
    return "\n".join((_ROLES, _TABLES, _FUNCTIONS, _triggers(), _grants()))


def install(conninfo: str) -> None:
    """Create (or bring up to date) the register's schema, roles and rules in this database.

    Run by IT as the database's owner with CREATEROLE (or a superuser): the group roles are
    the server's, shared by its databases, and the tables belong to whoever installs them."""
    from store.postgres.connection import connect, refusals

    with connect(conninfo) as connection, refusals(conninfo), connection.transaction():
        connection.execute(statements())
