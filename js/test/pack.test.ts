// @vitest-environment node
// What `npm pack --workspaces` puts in the tarballs apps install: every
// exports target present, dependencies that resolve to the sibling
// tarballs, peers for the frameworks.  (Offline: --dry-run, no install.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Packed { name: string; version: string; filename: string; files: { path: string }[] }

const packed: Packed[] = JSON.parse(execFileSync('npm',
  ['pack', '--workspaces', '--dry-run', '--json', '--ignore-scripts'],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));

const manifest = (dir: string) =>
  JSON.parse(readFileSync(`${root}/packages/${dir}/package.json`, 'utf8'));

function targets(exp: unknown): string[] {
  if (typeof exp === 'string') return [exp];
  if (exp && typeof exp === 'object') return Object.values(exp).flatMap(targets);
  return [];
}

describe('the packed tarballs', () => {
  it('are the five packages, named as the CLI expects', () => {
    expect(packed.map((p) => p.filename).sort()).toEqual([
      'sash-api-0.1.0.tgz', 'sash-e2e-0.1.0.tgz', 'sash-react-0.1.0.tgz', 'sash-vite-0.1.0.tgz',
      'sash-vue-0.1.0.tgz',
    ]);
  });

  it.each(['api', 'vue', 'react', 'vite', 'e2e'])('%s: every exports target is in the tarball', (dir) => {
    const m = manifest(dir);
    const p = packed.find((x) => x.name === m.name)!;
    const files = new Set(p.files.map((f) => f.path));
    expect(m.type).toBe('module');
    const wanted = [...targets(m.exports), m.main, m.types].map((t: string) => t.replace(/^\.\//, ''));
    for (const t of wanted) expect(files, `${m.name}: ${t}`).toContain(t);
    for (const f of files) expect(f).not.toMatch(/test|tsbuildinfo|node_modules/);
  });

  it('@sash/api exposes . and ./mocks and has no dependencies', () => {
    const m = manifest('api');
    expect(Object.keys(m.exports)).toEqual(expect.arrayContaining(['.', './mocks']));
    expect(m.dependencies ?? {}).toEqual({});
  });

  it('the bindings depend on @sash/api by semver range and take the framework as a peer', () => {
    expect(manifest('vue').dependencies).toEqual({ '@sash/api': '^0.1.0' });
    expect(Object.keys(manifest('vue').peerDependencies)).toEqual(['vue']);
    expect(manifest('react').dependencies).toEqual({ '@sash/api': '^0.1.0' });
    expect(Object.keys(manifest('react').peerDependencies)).toEqual(['react']);
    expect(manifest('vite').dependencies ?? {}).toEqual({});
    expect(Object.keys(manifest('vite').peerDependencies)).toEqual(['vite']);
  });

  it('@sash/e2e depends on webdriverio only (templates add it as a devDependency)', () => {
    expect(Object.keys(manifest('e2e').dependencies)).toEqual(['webdriverio']);
    expect(manifest('e2e').peerDependencies ?? {}).toEqual({});
  });
});
