// Runs the reliability files in a fixed order: cheap checks first, and the PostgreSQL restart last, because
// restarting the cluster disturbs everything else that uses the server.
const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['hostile-input', 'concurrency', 'crash', 'db-faults'];
const rank = (p) => {
  const i = ORDER.findIndex((name) => p.includes(`${name}.rel-spec`));
  return i < 0 ? ORDER.length : i;
};

class ReliabilitySequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = ReliabilitySequencer;
