/**
 * @sash/vite - makes `vite dev` serve the Content-Security-Policy the app
 * has in production (the runtime's default, or `security.csp` of
 * sash.json), plus exactly what Vite's dev server needs:
 *
 *  - connect-src: the HMR websocket origin (`ws://HOST:PORT`), and the
 *    dev server's origin when the policy's connect-src lacks 'self';
 *  - script-src: the sha256 hashes of inline scripts that plugins inject
 *    in dev (React Fast Refresh's preamble); never of the page's own;
 *  - style-src: 'unsafe-inline', for the <style> tags Vite injects for
 *    CSS imports in dev (the default policy already has it).
 *
 * So an inline script, an eval or a remote fetch that the app's CSP
 * forbids fails in dev, as it will in the shipped app.  `vite preview`
 * gets the production policy unchanged, and `vite build` warns about
 * inline scripts and inline event handlers the policy would block.
 *
 * It also takes the dev server's port from sash.json's `build.devUrl`
 * and the output folder from `build.frontendDist`, so each lives in one
 * place.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { DEFAULT_CSP } from './generated/default-csp.js';

export { DEFAULT_CSP };

export interface SashPluginOptions {
  /** Path of sash.json; default: looked up from Vite's root and its two parents. */
  config?: string;
  /** The policy to enforce, instead of sash.json's or the default; false: none. */
  csp?: string | false;
  /** Take server.port / host from sash.json `build.devUrl` (default true). */
  devUrl?: boolean;
  /** Take build.outDir from sash.json `build.frontendDist` (default true). */
  outDir?: boolean;
}

/** What the plugin reads from sash.json. */
export interface SashConfig {
  /** The folder of sash.json. */
  dir: string;
  /** `security.csp`: a policy, false (off), or undefined (the default). */
  csp?: string | false;
  devUrl?: string;
  frontendDist?: string;
}

/** Finds sash.json in `root` or up to two folders above it. */
export function findSashConfig(root: string): string | null {
  let dir = resolve(root);
  for (let i = 0; i < 3; i++) {
    const f = join(dir, 'sash.json');
    if (existsSync(f)) return f;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Reads the keys the plugin needs; throws an Error naming the key on bad input. */
export function readSashConfig(file: string): SashConfig {
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${(e as Error).message}`);
  }
  const out: SashConfig = { dir: dirname(file) };
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
  const root = obj(json);
  if (!root) throw new Error(`${file}: expected an object`);
  const csp = obj(root.security)?.csp;
  if (csp === false) out.csp = false;
  else if (typeof csp === 'string' && csp.trim() !== '' && !/[\r\n]/.test(csp)) out.csp = csp;
  else if (csp !== undefined)
    throw new Error(`${file}: security.csp: expected a policy string (one line) or false`);
  const build = obj(root.build);
  if (typeof build?.devUrl === 'string') out.devUrl = build.devUrl;
  if (typeof build?.frontendDist === 'string') out.frontendDist = build.frontendDist;
  return out;
}

/* ------------------------------------------------------------------ */
/* Policies                                                            */
/* ------------------------------------------------------------------ */

/** A parsed policy: directive name (lower case) to its sources, in order. */
export type Policy = Map<string, string[]>;

export function parseCsp(policy: string): Policy {
  const out: Policy = new Map();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const name = tokens.shift()?.toLowerCase();
    // The first occurrence of a directive wins, as in browsers.
    if (name && !out.has(name)) out.set(name, tokens);
  }
  return out;
}

export function serializeCsp(policy: Policy): string {
  return [...policy].map(([k, v]) => (v.length ? `${k} ${v.join(' ')}` : k)).join('; ');
}

// The directive a fetch of this kind falls back to (CSP3, simplified to
// the directives the additions touch).
const FALLBACK: Record<string, string[]> = {
  'script-src': ['default-src'],
  'script-src-elem': ['script-src', 'default-src'],
  'style-src': ['default-src'],
  'style-src-elem': ['style-src', 'default-src'],
  'connect-src': ['default-src'],
};

/** The sources that govern `name` (its own, or those it falls back to). */
export function effectiveSources(policy: Policy, name: string): string[] | null {
  for (const n of [name, ...(FALLBACK[name] ?? [])]) {
    const v = policy.get(n);
    if (v) return v;
  }
  return null;
}

function add(policy: Policy, name: string, sources: string[]): void {
  const current = effectiveSources(policy, name);
  if (current === null) return; // nothing restricts it: nothing to add
  const next = current.filter((s) => s.toLowerCase() !== "'none'");
  for (const s of sources) if (!next.includes(s)) next.push(s);
  policy.set(name, next);
}

const hasInlineGrant = (sources: string[]) => sources.some((s) => /^'(nonce|sha(256|384|512))-/i.test(s));
const allowsInline = (sources: string[] | null) =>
  sources === null || (sources.includes("'unsafe-inline'") && !hasInlineGrant(sources));

export interface DevAdditions {
  /** Origins of the HMR websocket, e.g. `ws://localhost:5173`. */
  hmr: string[];
  /** The dev server's own origin (needed only if connect-src lacks 'self'). */
  origin?: string;
  /** `'sha256-…'` sources of inline scripts injected by plugins in dev. */
  scriptHashes?: string[];
}

/**
 * The dev-server policy: `policy` plus exactly what Vite's dev server
 * needs (see the module comment).  Pure; unit-tested.
 */
export function devCsp(policy: string, extra: DevAdditions): string {
  const p = parseCsp(policy);
  const connect = effectiveSources(p, 'connect-src');
  const connectAdd = [...extra.hmr];
  if (extra.origin && connect && !connect.includes("'self'")) connectAdd.unshift(extra.origin);
  add(p, 'connect-src', connectAdd);
  const hashes = extra.scriptHashes ?? [];
  if (hashes.length) {
    for (const d of ['script-src', 'script-src-elem']) {
      if ((d === 'script-src' || p.has(d)) && !allowsInline(effectiveSources(p, d))) add(p, d, hashes);
    }
  }
  for (const d of ['style-src', 'style-src-elem']) {
    if (d === 'style-src-elem' && !p.has(d)) continue;
    const s = effectiveSources(p, d);
    if (s && !s.includes("'unsafe-inline'")) add(p, d, ["'unsafe-inline'"]);
  }
  return serializeCsp(p);
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */
/* ------------------------------------------------------------------ */

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const DATA_TYPES = /^\s*(application\/(ld\+)?json|text\/(template|x-template|plain))\s*$/i;

/** The bodies of the inline (executable) scripts of a page, in order. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(SCRIPT)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(' ' + attrs)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(' ' + attrs)?.[1] ?? '';
    if (DATA_TYPES.test(type)) continue;
    out.push(m[2] ?? '');
  }
  return out;
}

/** The CSP source that allows this exact inline script. */
export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** Inline event handlers and javascript: URLs, which no hash can allow here. */
export function inlineHandlers(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)) out.push(m[1] as string);
  for (const m of html.matchAll(/\s(href|src|action)\s*=\s*["']?\s*javascript:/gi)) out.push(`${m[1]}="javascript:…"`);
  return out;
}

/* ------------------------------------------------------------------ */
/* The plugin                                                          */
/* ------------------------------------------------------------------ */

type Next = (err?: unknown) => void;

// Sets the policy on HTML responses.  Vite sends transformed HTML with one
// res.end(html); static HTML (public/) goes through writeHead + a stream.
function onHtml(res: ServerResponse, policyFor: (body: string | null) => string | null): void {
  let done = false;
  const isHtml = (type: unknown) => /\btext\/html\b/i.test(String(type ?? ''));
  const apply = (body: string | null, type?: unknown) => {
    if (done || res.headersSent) return;
    done = true;
    if (!isHtml(type ?? res.getHeader('content-type'))) return;
    const csp = policyFor(body);
    if (csp) res.setHeader('Content-Security-Policy', csp);
  };
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headers = args.find((a) => a !== null && typeof a === 'object') as
      Record<string, unknown> | undefined;
    const type = headers && Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    apply(null, type);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const chunk = args[0];
    const body = typeof chunk === 'string' ? chunk
      : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : null;
    apply(body);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
}

/**
 * The Sash plugin.  Add it to `plugins` in vite.config:
 *
 * ```ts
 * import sash from '@sash/vite';
 * export default defineConfig({ plugins: [vue(), sash()] });
 * ```
 */
export function sash(options: SashPluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  let sashConfig: SashConfig | null = null;
  let policy: string | false = DEFAULT_CSP;
  // Inline scripts of the app's own HTML files: never hashed, so one that
  // production would block is blocked in dev too.
  const ownInline = new Set<string>();

  const load = (root: string) => {
    const file = options.config ? resolve(root, options.config) : findSashConfig(root);
    if (file) sashConfig = readSashConfig(file);
    if (options.csp !== undefined) policy = options.csp;
    else if (sashConfig?.csp !== undefined) policy = sashConfig.csp;
  };

  const hmrOrigins = (req: IncomingMessage): string[] => {
    const hmr = config.server.hmr;
    if (hmr === false) return [];
    const h = typeof hmr === 'object' ? hmr : {};
    const secure = Boolean(config.server.https);
    let host = 'localhost', port = '';
    try {
      const u = new URL(`http://${req.headers.host ?? 'localhost'}`);
      host = u.hostname;
      port = u.port;
    } catch { /* keep the defaults */ }
    const proto = h.protocol ?? (secure ? 'wss' : 'ws');
    const p = String(h.clientPort ?? h.port ?? (port || (secure ? 443 : 80)));
    return [`${proto}://${h.host ?? host}:${p}`];
  };

  return {
    name: 'sash',

    config(user, env) {
      const root = resolve(user.root ?? process.cwd());
      load(root);
      const sc = sashConfig;
      if (!sc) return;
      const out: Record<string, unknown> = {};
      if (env.command === 'serve' && !env.isPreview && options.devUrl !== false && sc.devUrl && user.server?.port === undefined) {
        try {
          const u = new URL(sc.devUrl);
          const server: Record<string, unknown> = {
            port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), strictPort: true,
          };
          if (u.hostname !== 'localhost' && user.server?.host === undefined)
            server.host = u.hostname.replace(/^\[(.*)\]$/, '$1');
          out.server = server;
        } catch {
          throw new Error(`sash.json: build.devUrl: not a URL: ${sc.devUrl}`);
        }
      }
      if (env.command === 'build' && options.outDir !== false && sc.frontendDist && user.build?.outDir === undefined) {
        const dist = resolve(sc.dir, sc.frontendDist);
        const rel = relative(dist, root);
        // Never aim at the app's own folder or one above it.
        if (dist !== sc.dir && (rel.startsWith('..') || isAbsolute(rel))) {
          out.build = { outDir: dist, ...(user.build?.emptyOutDir === undefined ? { emptyOutDir: true } : {}) };
        }
      }
      return out;
    },

    configResolved(resolved) {
      config = resolved;
    },

    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        for (const s of inlineScripts(html)) ownInline.add(s);
      },
    },

    configureServer(server) {
      server.middlewares.use((_req: IncomingMessage, res: ServerResponse, next: Next) => {
        onHtml(res, (body) => {
          if (policy === false) return null;
          const hashes = body === null ? []
            : inlineScripts(body).filter((s) => !ownInline.has(s)).map(scriptHash);
          return devCsp(policy, {
            hmr: hmrOrigins(_req),
            origin: `${config.server.https ? 'https' : 'http'}://${_req.headers.host ?? 'localhost'}`,
            scriptHashes: hashes,
          });
        });
        next();
      });
    },

    configurePreviewServer(server) {
      server.middlewares.use((_req: IncomingMessage, res: ServerResponse, next: Next) => {
        onHtml(res, () => (policy === false ? null : policy));
        next();
      });
    },

    // 'post': Vite emits the HTML files in its own generateBundle.
    generateBundle: { order: 'post', handler(_opts, bundle) {
      if (policy === false) return;
      const p = parseCsp(policy);
      const scriptInline = allowsInline(effectiveSources(p, 'script-src-elem'));
      const attrInline = allowsInline(effectiveSources(p, 'script-src'));
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const html = typeof file.source === 'string' ? file.source : Buffer.from(file.source).toString('utf8');
        const problems: string[] = [];
        if (!scriptInline) {
          const n = inlineScripts(html).filter((s) => s.trim() !== '').length;
          if (n) problems.push(`${n} inline <script>`);
        }
        if (!attrInline) {
          const handlers = inlineHandlers(html);
          if (handlers.length) problems.push(`inline handlers (${[...new Set(handlers)].join(', ')})`);
        }
        if (problems.length)
          config.logger.warn(`[sash] ${file.fileName}: ${problems.join(' and ')} will be blocked by ` +
            `the app's Content-Security-Policy; move the code into a module file.`);
      }
    } },
  };
}

export default sash;
