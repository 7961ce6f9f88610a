import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

// Run from TypeScript sources (jest), a thread compiles its entry — and what it imports, @ledger/* aliases included —
// with TypeScript (a devDependency) as it loads. Compiled, the thread inherits the process's `-r` hooks instead.
const FROM_SOURCES = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const ts = require(workerData.sources.typescript);
const { compilerOptions } = require(workerData.sources.tsconfig);
require(workerData.sources.tsconfigPaths).register({
  baseUrl: path.dirname(workerData.sources.tsconfig),
  paths: compilerOptions.paths,
});
require.extensions['.ts'] = (module, file) => module._compile(
  ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  }).outputText,
  file,
);
require(workerData.sources.entry);
`;

/** The tsconfig.json above `dir`: the root of the sources, whose `paths` name the @ledger/* libraries. */
function tsconfigAbove(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(at) === at) throw new Error(`no tsconfig.json above ${dir}`);
  }
}

/**
 * Starts a thread on the module `name` beside the caller (`dir` is the caller's `__dirname`, `ext` the extension
 * of the caller's own file): its compiled `.js` when the caller runs compiled, its `.ts` source under jest.
 * `data` reaches the thread as `workerData.data`.
 */
export function startThread(dir: string, name: string, ext: string, data?: unknown): Worker {
  const entry = path.join(dir, `${name}${ext}`);
  if (ext !== '.ts') return new Worker(entry, { workerData: { data } });
  return new Worker(FROM_SOURCES, {
    eval: true,
    workerData: {
      data,
      sources: {
        entry,
        typescript: require.resolve('typescript'),
        tsconfig: tsconfigAbove(dir),
        tsconfigPaths: require.resolve('tsconfig-paths'),
      },
    },
  });
}
