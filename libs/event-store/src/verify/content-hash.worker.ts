import { parentPort } from 'node:worker_threads';

import { hashContentFields, type ContentBatch, type ContentHashes } from './content-hasher';

/**
 * A verifier's helper thread: recomputes the content hashes of a batch of events (parse, canonical JSON, SHA-256) —
 * the part of verification that needs no order — while the main thread reads the next batch and follows the chains.
 */
parentPort!.on('message', ({ id, fields }: ContentBatch) => {
  const reply: ContentHashes = { id, hashes: hashContentFields(fields) };
  parentPort!.postMessage(reply);
});
