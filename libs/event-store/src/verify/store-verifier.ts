import type { EventStore } from '../event-store.port';
import { chainHash, contentHash, GENESIS_HASH } from '../hashing';
import type { BrokenLink, VerifyReport } from './verifier';

export interface StoreVerifyOptions {
  readonly batchSize?: number;
  /** Called after each batch with the events checked (the total is not known beforehand: 0). */
  readonly onProgress?: (checked: number, total: number) => void;
}

/**
 * The verifier for a log that SQL cannot reach (KurrentDB): verifyLog's checks through the event-store port, in one
 * pass of `readAll` — every content hash recomputed from the event as read, every stream's chain followed from the
 * genesis hash through a map of its last link, every version step checked. Two of verifyLog's checks have nothing
 * to compare with here: stream heads (in KurrentDB a stream's head is its last event, which this pass has read)
 * and seals (a table of the SQL log; `ledger seal` needs SQL).
 */
export async function verifyThroughStore(
  store: EventStore,
  options: StoreVerifyOptions = {},
): Promise<VerifyReport> {
  const heads = new Map<string, { version: number; hash: string }>();
  const broken: BrokenLink[] = [];
  let checked = 0;
  for await (const batch of store.readAll({ batchSize: options.batchSize ?? 5000 })) {
    for (const e of batch) {
      const head = heads.get(e.streamId) ?? { version: -1, hash: GENESIS_HASH };
      const at = {
        streamId: e.streamId,
        position: e.position,
        streamVersion: e.streamVersion,
        eventId: e.id,
      };
      const content = contentHash(e);
      if (e.streamVersion !== head.version + 1)
        broken.push({
          reason: 'version-gap',
          ...at,
          detail: `expected version ${head.version + 1}, found ${e.streamVersion}`,
        });
      if (content !== e.contentHash)
        broken.push({
          reason: 'content-hash-mismatch',
          ...at,
          detail: `stored ${e.contentHash.slice(0, 12)}…, recomputed ${content.slice(0, 12)}…`,
        });
      // As verifyLog: chained from what is recomputed, trusting nothing stored.
      const link = chainHash(head.hash, content, e.recordedAt);
      if (link !== e.chainHash)
        broken.push({
          reason: 'chain-hash-mismatch',
          ...at,
          detail: `stored ${e.chainHash.slice(0, 12)}…, recomputed ${link.slice(0, 12)}…`,
        });
      heads.set(e.streamId, { version: e.streamVersion, hash: link });
      checked += 1;
    }
    options.onProgress?.(checked, 0);
  }
  return {
    ok: broken.length === 0,
    eventsChecked: checked,
    streamsChecked: heads.size,
    sealsChecked: 0,
    firstBroken: broken[0] ?? null,
    broken,
  };
}
