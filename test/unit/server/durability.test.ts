/**
 * Nothing acknowledged is lost, nothing half-written is kept: the real server process takes
 * concurrent decision writes (creates and If-Match updates) through the backend client, is killed
 * with SIGKILL in mid-stream, and is started again on the same store. Every write that was
 * answered is there; every decision in the store is whole (its row, its history and the change
 * counter agree).
 */
import { strict as assert } from 'node:assert';
import { BackendClient } from '../../../src/datasources/backend/client';
import type { DecisionEvent, DecisionRecord } from '../../../src/protocol/decisions';
import { cliToken, startServerProcess } from './helpers/process';
import { describeStores, openAt } from './helpers/stores';

interface Acked {
  readonly id: string;
  readonly revision: number;
  readonly reason: string;
}

describeStores('durability under SIGKILL', (ctx) => {
  it('keeps every acknowledged write and no half-written one', async function () {
    this.timeout(180_000);
    const location = ctx.location();
    // The test's own store handle is closed first for the embedded store: one process at a time.
    if (ctx.kind === 'pglite') await ctx.store().close();
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) tokens.push(await cliToken(location, 'triager', `writer-${i}`));
    const first = await startServerProcess(location);
    const acked = new Map<string, Acked>();
    let stop = false;
    const writer = async (token: string, w: number): Promise<void> => {
      const client = new BackendClient({ baseUrl: first.url, token, retry: { attempts: 1 } });
      for (let n = 0; !stop; n++) {
        const reason = `writer ${w} decision ${n}`;
        const created = await client.createDecision({ package: `durable-${w}`, action: 'fix', reason });
        if (created.status !== 'ok') break;
        acked.set(created.value.id, { id: created.value.id, revision: 1, reason });
        const updated = await client.updateDecision(created.value.id, created.value.etag, { action: 'fork', reason: `${reason} updated`, replacement: 'x' });
        if (updated.status !== 'ok' || updated.value.kind !== 'written') break;
        acked.set(created.value.id, { id: created.value.id, revision: 2, reason: `${reason} updated` });
      }
      await client.close().catch(() => {});
    };
    const writers = tokens.map((token, w) => writer(token, w));
    while (acked.size < 60) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    stop = true;
    assert.equal(await first.exited, 'SIGKILL');
    await Promise.all(writers);
    const snapshot = new Map(acked);

    const second = await startServerProcess(location);
    try {
      const client = new BackendClient({ baseUrl: second.url, token: tokens[0]! });
      const listed = await client.decisions();
      assert.equal(listed.status, 'ok');
      const stored = new Map((listed.status === 'ok' ? listed.value.decisions : []).map((d) => [d.id, d]));
      console.log(`      ${snapshot.size} decisions acknowledged before SIGKILL, ${stored.size} stored after restart`);
      for (const ack of snapshot.values()) {
        const found = stored.get(ack.id);
        assert.ok(found, `acknowledged decision ${ack.id} is lost`);
        assert.ok(found.revision >= ack.revision, `${ack.id}: revision ${found.revision} < acknowledged ${ack.revision}`);
        if (found.revision === ack.revision) assert.equal(found.reason, ack.reason);
      }
      // At most one write per writer was in flight when the process died.
      assert.ok(stored.size <= snapshot.size + tokens.length, `${stored.size} stored, ${snapshot.size} acknowledged`);
      for (const d of stored.values()) await assertWhole(client, d);
      const events = (await Promise.all(tokens.map((_, w) => client.history(`durable-${w}`)))).flatMap((h) => (h.status === 'ok' ? h.value.events : []));
      assert.equal(events.length, [...stored.values()].reduce((sum, d) => sum + d.revision, 0));
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, '0');
    }
    // Every event bumped the change counter in its own transaction: the two agree.
    const store = ctx.kind === 'pglite' ? await openAt(location) : ctx.store();
    try {
      const counter = await store.query<{ version: unknown }>("SELECT version FROM state WHERE key = 'decisions'");
      const events = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_events');
      assert.equal(Number(counter[0]!.version), events[0]!.n);
    } finally {
      if (ctx.kind === 'pglite') await store.close();
    }
  });
});

/** A decision is whole when its history starts with its creation and ends with its current state. */
async function assertWhole(client: BackendClient, decision: DecisionRecord): Promise<void> {
  const history = await client.history(decision.package);
  assert.equal(history.status, 'ok');
  const events = (history.status === 'ok' ? history.value.events : []).filter((e: DecisionEvent) => e.decisionId === decision.id);
  assert.equal(events.length, decision.revision, `${decision.id}: ${events.length} events for revision ${decision.revision}`);
  assert.equal(events[0]!.event, 'created');
  assert.deepEqual(events[events.length - 1]!.decision, decision);
}
