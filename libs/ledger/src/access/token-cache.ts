import { sha256Hex, type SqlClient } from '@ledger/event-store';

import type { Principal } from '../shared/principal';
import { principalForToken, TOKEN_REVOCATIONS_CHANNEL } from './tokens';

export interface TokenCacheOptions {
  /** How long a looked-up principal is trusted without asking the database again. */
  readonly ttlMs?: number;
  /** At most this many tokens are remembered; past it the cache starts over. */
  readonly maxEntries?: number;
  /** After a lost subscription, how long to wait before subscribing again (and caching again). */
  readonly resubscribeAfterMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly principal: Principal;
  readonly expiresAt: number;
}

/**
 * The bearer-token lookup of every request, remembered for a while: the lookup was one of the two or three queries a
 * posting costs. A revoked token must stop working at once, so the cache subscribes to the revocations that
 * `revokeTokensOf` announces with NOTIFY (the CLI runs in another process) and forgets everything on each; while that
 * subscription is down it caches nothing. `ttlMs` bounds what a revocation made behind `revokeTokensOf`'s back (an
 * UPDATE by hand) can miss. Keys are SHA-256 digests of the tokens, so the process keeps no usable token in its heap.
 */
export class TokenCache {
  private entries = new Map<string, Entry>();
  /** Moves on every revocation: a lookup that straddles one is not cached. */
  private generation = 0;
  private subscribing: Promise<void> | null = null;
  private retryAt = 0;
  /** Set while subscribed to revocations. */
  private stop: (() => Promise<void>) | null = null;
  private closed = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly resubscribeAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sql: SqlClient,
    options: TokenCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.resubscribeAfterMs = options.resubscribeAfterMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** Subscribes to revocations now, so the first lookups are already cached; lookups work without it too. */
  async start(): Promise<void> {
    this.mayCache();
    await this.subscribing;
  }

  /** Whether lookups are being remembered: revocations are heard (or the client cannot listen). */
  get caching(): boolean {
    return !this.closed && (this.stop !== null || !this.sql.listen);
  }

  async principalFor(token: string): Promise<Principal | null> {
    const key = sha256Hex(token);
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.principal;
    if (hit) this.entries.delete(key);
    // Cached only when revocations were being heard before the lookup began and none arrived during it: a revocation
    // that commits while the subscription is still starting would otherwise go unheard and its token be kept.
    const generation = this.generation;
    const cacheable = this.mayCache();
    const principal = await principalForToken(this.sql, token);
    if (principal && cacheable && generation === this.generation && !this.closed) {
      if (this.entries.size >= this.maxEntries) this.entries = new Map();
      this.entries.set(key, { principal, expiresAt: this.now() + this.ttlMs });
    }
    return principal;
  }

  /** Whether a revocation would reach us now; starts (or retries) the subscription when it would not. */
  private mayCache(): boolean {
    if (this.closed) return false;
    if (!this.sql.listen) return true; // a client that cannot listen: the TTL alone bounds staleness
    if (this.stop) return true;
    if (!this.subscribing && this.now() >= this.retryAt) this.subscribing = this.subscribe();
    return false;
  }

  private async subscribe(): Promise<void> {
    try {
      const stop = await this.sql.listen!(
        TOKEN_REVOCATIONS_CHANNEL,
        () => this.forget(),
        () => {
          this.stop = null;
          this.forget();
          this.retryAt = this.now() + this.resubscribeAfterMs;
        },
      );
      if (this.closed) {
        await stop();
        return;
      }
      this.stop = stop;
    } catch {
      this.retryAt = this.now() + this.resubscribeAfterMs;
    } finally {
      this.subscribing = null;
    }
  }

  private forget(): void {
    this.generation += 1;
    this.entries = new Map();
  }

  /** Stops listening; lookups go on, uncached. */
  async close(): Promise<void> {
    this.closed = true;
    this.forget();
    await this.subscribing;
    const stop = this.stop;
    this.stop = null;
    if (stop) await stop();
  }
}
