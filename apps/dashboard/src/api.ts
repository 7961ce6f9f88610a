/**
 * The one door to ledger-api: bearer token from sessionStorage, JSON in and out, the API's errors as ApiError
 * (with its per-field problems), and a count of calls in flight for the progress indicator.
 */

export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly fields: readonly FieldProblem[],
    /** The single field a domain error names (e.g. `projectId`). */
    readonly field: string | null,
  ) {
    super(message);
  }
}

export type Role = 'squad_clerk' | 'brigade_office' | 'finance' | 'auditor' | 'admin';

export interface Principal {
  readonly id: string;
  readonly role: Role;
  readonly unitId: string;
  readonly squadId: string | null;
}

const TOKEN_KEY = 'ledger.token';

export const getToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string | null): void =>
  token === null ? sessionStorage.removeItem(TOKEN_KEY) : sessionStorage.setItem(TOKEN_KEY, token);

/** Calls in flight; `busy-change` fires whenever the number changes. */
export const activity = new (class extends EventTarget {
  pending = 0;
  change(delta: number) {
    this.pending += delta;
    this.dispatchEvent(new Event('busy-change'));
  }
})();

export type Query = Readonly<Record<string, string | number | boolean | undefined | null>>;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Resolve to the Response itself (downloads); errors still throw. */
  readonly raw?: boolean;
  readonly signal?: AbortSignal;
  /** A background call (filling a long table after the page is shown): not counted by the progress indicator. */
  readonly quiet?: boolean;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: { message?: unknown; code?: unknown; fields?: unknown; field?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: keep the status line
  }
  const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status} ${res.statusText}`;
  const fields = Array.isArray(body.fields) ? (body.fields as FieldProblem[]) : [];
  return new ApiError(
    res.status,
    message,
    typeof body.code === 'string' ? body.code : null,
    fields,
    typeof body.field === 'string' ? body.field : null,
  );
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const counted = options.quiet !== true;
  if (counted) activity.change(+1);
  try {
    const res = await fetch(withQuery(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!res.ok) throw await errorOf(res);
    return res;
  } finally {
    if (counted) activity.change(-1);
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await request(path, options);
  return (await res.json()) as T;
}

/** A fresh idempotency key: one per submission, so a double click or a retry posts once. */
export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; a brigade's LAN often serves plain http, getRandomValues works there too.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Saves a response as a file (the report's .docx, .md, .json). */
export async function download(path: string, query: Query, fallbackName: string): Promise<string> {
  const res = await request(path, { query, headers: { Accept: '*/*' } });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
