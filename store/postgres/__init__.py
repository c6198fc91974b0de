"""The shared register on PostgreSQL: the same records and rules as a register folder,
kept in one database that a whole authority's officers use at once.

The database, not the client, enforces what matters: who may write what (group
roles and GRANTs, store.postgres.schema), that sign-offs, approvals, the ledger
of issued packs and the audit trail are append-only (triggers refuse UPDATE and
DELETE), that a signed-off assessment is frozen, and who changed what (an audit
trigger records the connecting role, the time, and the record before and after).
"""
