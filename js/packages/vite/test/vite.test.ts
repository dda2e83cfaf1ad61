// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger, createServer, preview, type Plugin, type ViteDevServer } from 'vite';
import sash, {
  DEFAULT_CSP, devCsp, findSashConfig, inlineHandlers, inlineScripts, parseCsp, readSashConfig, scriptHash,
} from '@sash/vite';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

// The runtime's default policy, read from the C sources independently of
// the generator: concatenated string literals after `default_csp[] =`.
function cDefaultCsp(): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.c')) files.push(p);
    }
  };
  walk(join(repo, 'src/core'));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const at = text.indexOf('default_csp[] =');
    if (at < 0) continue;
    const decl = text.slice(at, text.indexOf(';\n', at));
    return decl.split('\n').flatMap((line) => {
      const m = line.match(/"(.*)"/);
      return m ? [m[1]!] : [];
    }).join('');
  }
  throw new Error('no default_csp in src/core');
}

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sash-vite-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the policy', () => {
  it('the default is the runtime default, taken from the C sources', () => {
    expect(DEFAULT_CSP).toBe(cDefaultCsp());
    expect(parseCsp(DEFAULT_CSP).get('script-src')).toContain("'self'");
    expect(parseCsp(DEFAULT_CSP).get('connect-src')).toEqual(["'self'", 'sash:', 'sash-ipc:']);
  });

  it('dev adds the HMR websocket and nothing else to the default', () => {
    const dev = parseCsp(devCsp(DEFAULT_CSP, { hmr: ['ws://localhost:5173'], origin: 'http://localhost:5173' }));
    const prod = parseCsp(DEFAULT_CSP);
    expect(dev.get('connect-src')).toEqual(["'self'", 'sash:', 'sash-ipc:', 'ws://localhost:5173']);
    for (const [k, v] of prod) if (k !== 'connect-src') expect(dev.get(k)).toEqual(v);
    expect([...dev.keys()]).toEqual([...prod.keys()]);
  });

  it('hashes of injected inline scripts go into script-src, never unsafe-inline or eval', () => {
    const h = scriptHash('import "/@react-refresh"');
    expect(h).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    const dev = parseCsp(devCsp(DEFAULT_CSP, { hmr: [], scriptHashes: [h] }));
    expect(dev.get('script-src')).toEqual([...parseCsp(DEFAULT_CSP).get('script-src')!, h]);
    expect(dev.get('script-src')).not.toContain("'unsafe-inline'");
    expect(dev.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('a policy with only default-src gets explicit directives built from it', () => {
    const dev = parseCsp(devCsp("default-src 'self' https://cdn.example", {
      hmr: ['ws://127.0.0.1:4000'], scriptHashes: ["'sha256-AAA='"],
    }));
    expect(dev.get('default-src')).toEqual(["'self'", 'https://cdn.example']);
    expect(dev.get('connect-src')).toEqual(["'self'", 'https://cdn.example', 'ws://127.0.0.1:4000']);
    expect(dev.get('script-src')).toEqual(["'self'", 'https://cdn.example', "'sha256-AAA='"]);
    expect(dev.get('style-src')).toEqual(["'self'", 'https://cdn.example', "'unsafe-inline'"]);
  });

  it("'none' is replaced, 'unsafe-inline' scripts get no hash, no default-src adds nothing", () => {
    const p = parseCsp(devCsp("script-src 'unsafe-inline'; connect-src 'none'; style-src 'none'",
      { hmr: ['ws://h:1'], origin: 'http://h:1', scriptHashes: ["'sha256-X='"] }));
    expect(p.get('connect-src')).toEqual(['http://h:1', 'ws://h:1']);
    expect(p.get('script-src')).toEqual(["'unsafe-inline'"]);
    expect(p.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(devCsp('img-src *', { hmr: ['ws://h:1'] })).toBe('img-src *');
  });

  it('script-src-elem and style-src-elem get the additions too when present', () => {
    const p = parseCsp(devCsp("default-src 'self'; script-src-elem 'self'; style-src-elem 'self'",
      { hmr: [], scriptHashes: ["'sha256-Y='"] }));
    expect(p.get('script-src-elem')).toEqual(["'self'", "'sha256-Y='"]);
    expect(p.get('style-src-elem')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe('sash.json', () => {
  it('reads security.csp, build.devUrl and build.frontendDist', () => {
    const f = join(dir, 'sash.json');
    writeFileSync(f, JSON.stringify({ app: { identifier: 'a.b' }, security: { csp: "default-src 'self'" },
      build: { devUrl: 'http://localhost:1234', frontendDist: 'dist' } }));
    expect(readSashConfig(f)).toEqual({ dir, csp: "default-src 'self'", devUrl: 'http://localhost:1234', frontendDist: 'dist' });
    writeFileSync(f, JSON.stringify({ security: { csp: false } }));
    expect(readSashConfig(f).csp).toBe(false);
    writeFileSync(f, JSON.stringify({ app: {} }));
    expect(readSashConfig(f).csp).toBeUndefined();
  });

  it('a bad csp or broken JSON is an error that names the key', () => {
    const f = join(dir, 'sash.json');
    writeFileSync(f, JSON.stringify({ security: { csp: 5 } }));
    expect(() => readSashConfig(f)).toThrow(/security\.csp/);
    writeFileSync(f, '{"security": ');
    expect(() => readSashConfig(f)).toThrow(/not JSON/);
  });

  it('is found in the root or up to two folders above', () => {
    mkdirSync(join(dir, 'a/b/c'), { recursive: true });
    writeFileSync(join(dir, 'sash.json'), '{}');
    expect(findSashConfig(join(dir, 'a/b'))).toBe(join(dir, 'sash.json'));
    expect(findSashConfig(join(dir, 'a/b/c'))).toBeNull();
  });
});

describe('HTML scanning', () => {
  it('finds executable inline scripts only', () => {
    const html = `<script src="/a.js"></script><script type="module">A</script>
      <script>B</script><script type="application/json">{"c":1}</script><script type=importmap>{}</script>`;
    expect(inlineScripts(html)).toEqual(['A', 'B', '{}']);
  });

  it('finds inline handlers and javascript: URLs', () => {
    expect(inlineHandlers('<button onclick="x()">a</button><a href="javascript:void 0">b</a><p>onion=1</p>'))
      .toEqual(['onclick', 'href="javascript:…"']);
  });
});

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    }).on('error', rej);
  });
}

// Stands in for @vitejs/plugin-react: injects an inline module script in dev.
const PREAMBLE = 'import { injectIntoGlobalHook } from "/@react-refresh";\ninjectIntoGlobalHook(window);';
const preamble: Plugin = {
  name: 'fake-refresh-preamble',
  apply: 'serve',
  transformIndexHtml: () => [{ tag: 'script', attrs: { type: 'module' }, children: PREAMBLE, injectTo: 'head' }],
};

const OWN_INLINE = 'window.legacy = 1;';

function writeApp(sashJson: object) {
  writeFileSync(join(dir, 'sash.json'), JSON.stringify(sashJson));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><title>t</title>
    <script>${OWN_INLINE}</script></head><body><button onclick="go()">go</button>
    <script type="module" src="/main.js"></script></body></html>`);
  writeFileSync(join(dir, 'main.js'), "import './style.css'; document.title = 'ok';\n");
  writeFileSync(join(dir, 'style.css'), 'body { color: red }\n');
}

describe('the dev server (real Vite on loopback)', () => {
  let server: ViteDevServer | null = null;
  afterEach(async () => { await server?.close(); server = null; });

  it('serves HTML with the dev policy, the port from build.devUrl, no CSP on modules', async () => {
    const port = await freePort();
    writeApp({ app: { identifier: 'org.example.t' }, build: { devUrl: `http://127.0.0.1:${port}` } });
    server = await createServer({
      root: dir, configFile: false, logLevel: 'silent', plugins: [preamble, sash()],
      server: { watch: null }, optimizeDeps: { noDiscovery: true },
    });
    expect(server.config.server.port).toBe(port);
    expect(server.config.server.strictPort).toBe(true);
    await server.listen();
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const html = await res.text();
    expect(html).toContain(PREAMBLE); // the fake plugin really injected it
    const csp = parseCsp(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('connect-src')).toEqual(["'self'", 'sash:', 'sash-ipc:', `ws://127.0.0.1:${port}`]);
    expect(csp.get('script-src')).toContain(scriptHash(PREAMBLE));
    expect(csp.get('script-src')).not.toContain(scriptHash(OWN_INLINE)); // the page's own stays blocked
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    const prod = parseCsp(DEFAULT_CSP);
    for (const k of ['default-src', 'style-src', 'img-src', 'object-src', 'frame-ancestors'])
      expect(csp.get(k)).toEqual(prod.get(k));
    // An SPA route gets the policy too; a JS module does not need one.
    const route = await fetch(`http://127.0.0.1:${port}/some/route`);
    expect(route.headers.get('content-security-policy')).toBeTruthy();
    const mod = await fetch(`http://127.0.0.1:${port}/main.js`);
    expect(mod.status).toBe(200);
    expect(mod.headers.get('content-security-policy')).toBeNull();
  });

  it("uses sash.json's security.csp, and none when it is false", async () => {
    const port = await freePort();
    writeApp({ security: { csp: "default-src 'self'; img-src https://img.example" } });
    server = await createServer({
      root: dir, configFile: false, logLevel: 'silent', plugins: [sash()],
      server: { port, host: '127.0.0.1', watch: null }, optimizeDeps: { noDiscovery: true },
    });
    await server.listen();
    const csp = parseCsp((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-security-policy') ?? '');
    expect(csp.get('img-src')).toEqual(['https://img.example']);
    expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    await server.close();

    writeApp({ security: { csp: false } });
    server = await createServer({
      root: dir, configFile: false, logLevel: 'silent', plugins: [sash()],
      server: { port, host: '127.0.0.1', watch: null }, optimizeDeps: { noDiscovery: true },
    });
    await server.listen();
    expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-security-policy')).toBeNull();
  });
});

describe('build and preview', () => {
  it('builds into build.frontendDist, warns about inline code, previews with the production policy', async () => {
    writeApp({ build: { frontendDist: 'web-dist' } });
    const warnings: string[] = [];
    const logger = createLogger('warn', { allowClearScreen: false });
    logger.warn = (msg) => { warnings.push(msg); };
    await build({ root: dir, configFile: false, logLevel: 'warn', customLogger: logger, plugins: [sash()] });
    expect(existsSync(join(dir, 'web-dist/index.html'))).toBe(true);
    const sashWarnings = warnings.filter((w) => w.includes('[sash]'));
    expect(sashWarnings).toHaveLength(1);
    expect(sashWarnings[0]).toMatch(/index\.html: 1 inline <script> and inline handlers \(onclick\)/);

    const port = await freePort();
    const server = await preview({
      root: dir, configFile: false, logLevel: 'silent', plugins: [sash()],
      preview: { port, host: '127.0.0.1', strictPort: true }, build: { outDir: 'web-dist' },
    });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(DEFAULT_CSP);
    } finally {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    }
  });
});
