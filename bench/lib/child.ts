import { fork } from 'node:child_process';

/**
 * Every measured system runs in a fresh child process: the same cold start for each, no shared pg type parsers
 * (Emmett's dumbo replaces pg's global int8/json parsers on load), no shared connection pools, and an exact peak
 * RSS per measurement (`process.resourceUsage().maxRSS` of the child alone).
 */
export type TaskParams = Record<string, string | number | boolean | null>;
export type Task = (params: TaskParams) => Promise<unknown>;

const tasks = new Map<string, Task>();

export function registerTask(name: string, task: Task): void {
  tasks.set(name, task);
}

export interface ChildResult<T> {
  readonly value: T;
  /** Peak resident set size of the child, in MiB. */
  readonly maxRssMiB: number;
}

/** Raised when a child outlives its time limit; the child has been killed. */
export class ChildTimeoutError extends Error {
  constructor(
    readonly task: string,
    readonly seconds: number,
  ) {
    super(`${task}: killed after ${seconds} s`);
    this.name = 'ChildTimeoutError';
  }
}

export function runInChild<T>(
  task: string,
  params: TaskParams,
  timeoutSeconds?: number,
): Promise<ChildResult<T>> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, ['--child', task], {
      execArgv: process.execArgv,
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const timer =
      timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            settled = true;
            child.kill('SIGKILL');
            reject(new ChildTimeoutError(task, timeoutSeconds));
          }, timeoutSeconds * 1000);
    child.on('message', (msg: { ok: boolean; value?: T; error?: string; maxRssMiB?: number }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (msg.ok) resolve({ value: msg.value as T, maxRssMiB: msg.maxRssMiB ?? Number.NaN });
      else reject(new Error(`${task}: ${msg.error}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`${task}: child exited with code ${code} before reporting`));
    });
    child.send(params);
  });
}

/** The child side: wait for the parameters, run the task, report, exit. */
export function serveChild(task: string): void {
  process.once('message', (params: TaskParams) => {
    const fn = tasks.get(task);
    const done = (msg: object) => process.send!(msg, () => process.exit(0));
    if (!fn) {
      done({ ok: false, error: `unknown task ${task}` });
      return;
    }
    fn(params).then(
      (value) => done({ ok: true, value, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }),
      (error: unknown) =>
        done({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/**
 * Runs a resumable step again when it failed because the server went away (another session restarting PostgreSQL on
 * a shared machine): waits until `ready()` answers, then retries, at most `attempts` times in all.
 */
export async function retryingInChild<T>(
  task: string,
  params: TaskParams,
  ready: () => Promise<boolean>,
  log: (message: string) => void,
  attempts = 3,
): Promise<ChildResult<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runInChild<T>(task, params);
    } catch (error) {
      if (attempt >= attempts) throw error;
      log(
        `${task} failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); retrying`,
      );
      for (let i = 0; i < 60 && !(await ready()); i += 1) await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
