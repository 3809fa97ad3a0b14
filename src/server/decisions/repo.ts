/**
 * Decisions in the database. Every write runs in one transaction that locks the decision's row,
 * checks the revision the writer read (If-Match), writes the new state, appends an event with the
 * full decision to the history, and bumps the decisions counter — all or nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DecisionEvent, DecisionEventKind, DecisionFields, DecisionInput, DecisionRecord, VexJustification } from '../../protocol/decisions';
import { decisionEtag, ifMatchHolds } from '../http/etag';
import { bump } from '../state';
import type { Queryable, Store } from '../store/store';
import { toIso, toNumber, toStringOrNull } from '../store/store';

const COLUMNS = 'id, package, action, reason, replacement, versions, advisory, expires, justification, author, created, updated, updated_by, revision';

type DecisionRow = Record<string, unknown>;

function toRecord(row: DecisionRow): DecisionRecord {
  const id = String(row['id']);
  const revision = toNumber(row['revision']);
  return {
    id,
    package: String(row['package']),
    action: row['action'] as DecisionRecord['action'],
    reason: String(row['reason']),
    replacement: toStringOrNull(row['replacement']),
    versions: toStringOrNull(row['versions']),
    advisory: toStringOrNull(row['advisory']),
    expires: toStringOrNull(row['expires']),
    justification: toStringOrNull(row['justification']) as VexJustification | null,
    author: String(row['author']),
    created: toIso(row['created']),
    updated: toIso(row['updated']),
    updatedBy: String(row['updated_by']),
    revision,
    etag: decisionEtag(id, revision),
  };
}

export type WriteResult =
  | { readonly kind: 'ok'; readonly decision: DecisionRecord }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'stale'; readonly current: DecisionRecord };

/** Current (not deleted) decisions, of one package or of all; oldest first. */
export async function listDecisions(db: Queryable, pkg: string | null): Promise<DecisionRecord[]> {
  const rows = pkg == null
    ? await db.query(`SELECT ${COLUMNS} FROM decisions WHERE deleted IS NULL ORDER BY created, id`)
    : await db.query(`SELECT ${COLUMNS} FROM decisions WHERE deleted IS NULL AND package = $1 ORDER BY created, id`, [pkg]);
  return rows.map(toRecord);
}

export async function getDecision(db: Queryable, id: string): Promise<DecisionRecord | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM decisions WHERE id = $1 AND deleted IS NULL`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

async function appendEvent(tx: Queryable, kind: DecisionEventKind, decision: DecisionRecord, author: string, at: string): Promise<void> {
  await tx.query('INSERT INTO decision_events (decision_id, package, event, author, at, snapshot) VALUES ($1, $2, $3, $4, $5, $6)', [
    decision.id,
    decision.package,
    kind,
    author,
    at,
    JSON.stringify(decision),
  ]);
  await bump(tx, 'decisions');
}

function fieldValues(fields: DecisionFields): unknown[] {
  return [fields.action, fields.reason, fields.replacement ?? null, fields.versions ?? null, fields.advisory ?? null, fields.expires ?? null, fields.justification ?? null];
}

export async function createDecision(store: Store, input: DecisionInput, author: string, now: Date): Promise<DecisionRecord> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO decisions (id, package, action, reason, replacement, versions, advisory, expires, justification, author, created, updated, updated_by, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $10, 1) RETURNING ${COLUMNS}`,
      [randomUUID(), input.package, ...fieldValues(input), author, at],
    );
    const decision = toRecord(rows[0]!);
    await appendEvent(tx, 'created', decision, author, at);
    return decision;
  });
}

/** Locks the current row and checks the writer's If-Match against it. */
async function lockCurrent(tx: Queryable, id: string, ifMatch: string): Promise<WriteResult> {
  const rows = await tx.query(`SELECT ${COLUMNS} FROM decisions WHERE id = $1 AND deleted IS NULL FOR UPDATE`, [id]);
  if (!rows[0]) return { kind: 'not-found' };
  const current = toRecord(rows[0]);
  return ifMatchHolds(ifMatch, current.etag) ? { kind: 'ok', decision: current } : { kind: 'stale', current };
}

export async function updateDecision(store: Store, id: string, ifMatch: string, fields: DecisionFields, author: string, now: Date): Promise<WriteResult> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const locked = await lockCurrent(tx, id, ifMatch);
    if (locked.kind !== 'ok') return locked;
    const rows = await tx.query(
      `UPDATE decisions SET action = $2, reason = $3, replacement = $4, versions = $5, advisory = $6, expires = $7, justification = $8,
         updated = $9, updated_by = $10, revision = revision + 1 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, ...fieldValues(fields), at, author],
    );
    const decision = toRecord(rows[0]!);
    await appendEvent(tx, 'updated', decision, author, at);
    return { kind: 'ok', decision };
  });
}

export async function deleteDecision(store: Store, id: string, ifMatch: string, author: string, now: Date): Promise<WriteResult> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const locked = await lockCurrent(tx, id, ifMatch);
    if (locked.kind !== 'ok') return locked;
    await tx.query('UPDATE decisions SET deleted = $2 WHERE id = $1', [id, at]);
    await appendEvent(tx, 'deleted', locked.decision, author, at);
    return locked;
  });
}

export async function decisionHistory(db: Queryable, pkg: string): Promise<DecisionEvent[]> {
  const rows = await db.query<{ seq: unknown; event: DecisionEventKind; decision_id: string; author: string; at: unknown; snapshot: unknown }>(
    'SELECT seq, event, decision_id, author, at, snapshot FROM decision_events WHERE package = $1 ORDER BY seq',
    [pkg],
  );
  return rows.map((r) => ({
    seq: toNumber(r.seq),
    event: r.event,
    decisionId: r.decision_id,
    author: r.author,
    at: toIso(r.at),
    decision: (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as DecisionRecord,
  }));
}
