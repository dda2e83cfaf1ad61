// @vitest-environment node
// The built module must be usable with no bundler: one file, no imports,
// safe to import where there is no window.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('dist/index.js', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(dist)).toBe(true);
  });

  it('is one self-contained ES module: no import, no require', () => {
    const code = readFileSync(dist, 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*export\s.*\sfrom\s/m);
  });

  it('imports in plain Node (no DOM) and fails calls with not_sash', async () => {
    const api = await import(/* @vite-ignore */ pathToFileURL(dist).href + '?plain');
    expect(api.isSash()).toBe(false);
    await expect(api.invoke('x')).rejects.toMatchObject({ name: 'SashError', code: 'not_sash' });
    expect(Object.keys(api).sort()).toEqual([
      'Channel', 'SashError', 'argsKey', 'emit', 'invoke', 'isSash', 'isSashError', 'listen',
      'once', 'overlay', 'rows', 'stats',
    ]);
  });
});
