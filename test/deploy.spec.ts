import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('deploy/', () => {
  it('parses, and its Compose services and Kubernetes objects reference each other consistently', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'deploy', 'validate.js')], {
      encoding: 'utf8',
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^deploy\/ valid: docker-compose\.yml \(\d+ services\), \d+ Kubernetes objects/,
    );
  });
});
