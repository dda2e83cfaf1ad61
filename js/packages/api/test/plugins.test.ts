import { afterEach, describe, expect, it, vi } from 'vitest';
import { SashError } from '@sash/api';
import { clearMocks, mockEvents, mockIPC, type MockChannel } from '@sash/api/mocks';
import * as fs from '@sash/api/fs';
import { Store } from '@sash/api/store';
import { Database } from '@sash/api/sql';
import * as log from '@sash/api/log';
import * as os from '@sash/api/os';
import * as path from '@sash/api/path';
import * as autostart from '@sash/api/autostart';
import { onSecondInstance } from '@sash/api/single-instance';
import { getCurrent, onOpenUrl } from '@sash/api/deep-link';

afterEach(() => clearMocks());

describe('@sash/api/fs', () => {
  it('sends the plugin commands with the documented args', async () => {
    const ipc = mockIPC((cmd, args) => (cmd === 'fs:exists' ? true : cmd === 'fs:read_text_file' ? 'hi' : null));
    expect(await fs.readTextFile('/a/b.txt')).toBe('hi');
    await fs.writeTextFile('/a/b.txt', 'x', { append: true });
    await fs.mkdir('/a/c', { recursive: true });
    await fs.remove('/a/c');
    await fs.rename('/a/1', '/a/2');
    await fs.copyFile('/a/2', '/a/3');
    expect(await fs.exists('/a')).toBe(true);
    expect(ipc.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['fs:read_text_file', { path: '/a/b.txt' }],
      ['fs:write_text_file', { path: '/a/b.txt', contents: 'x', append: true }],
      ['fs:mkdir', { path: '/a/c', recursive: true }],
      ['fs:remove', { path: '/a/c', recursive: false }],
      ['fs:rename', { from: '/a/1', to: '/a/2' }],
      ['fs:copy_file', { from: '/a/2', to: '/a/3' }],
      ['fs:exists', { path: '/a' }],
    ]);
  });

  it('bytes travel on the raw path both ways', async () => {
    const ipc = mockIPC((cmd) => (cmd === 'fs:read_file' ? new Uint8Array([1, 2, 3]).buffer : null));
    await fs.writeFile('/a/b.bin', new Uint8Array([9, 8]));
    expect(ipc.calls[0]!.bytes).toEqual(new Uint8Array([9, 8]));
    expect(ipc.calls[0]!.args).toEqual({ path: '/a/b.bin', append: false });
    const back = await fs.readFile('/a/b.bin');
    expect(back).toBeInstanceOf(Uint8Array);
    expect([...back]).toEqual([1, 2, 3]);
  });

  it('errors keep their code (forbidden names the scope)', async () => {
    mockIPC(() => { throw new SashError('forbidden', "read_text_file: '/etc/x' is outside the fs scope"); });
    await expect(fs.readTextFile('/etc/x')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('watch streams events through a channel and unwatches once', async () => {
    let ch: MockChannel | undefined;
    const ipc = mockIPC((cmd, args) => {
      if (cmd === 'fs:watch') { ch = args.channel; return 7; }
      return null;
    });
    const seen: fs.WatchEvent[] = [];
    const stop = await fs.watch('/a', (e) => seen.push(e));
    ch!.send({ kind: 'create', path: '/a/x' });
    await vi.waitFor(() => expect(seen).toEqual([{ kind: 'create', path: '/a/x' }]));
    await stop();
    await stop();
    expect(ipc.calls.filter((c) => c.cmd === 'fs:unwatch').map((c) => c.args)).toEqual([{ id: 7 }]);
  });
});

describe('@sash/api/store', () => {
  it('get/set/delete/keys map to store:* and found:false is undefined', async () => {
    const data: Record<string, unknown> = {};
    mockIPC((cmd, a) => {
      switch (cmd) {
        case 'store:load': return { path: '/d/s.json', size: 0 };
        case 'store:set': data[a.key] = a.value; return null;
        case 'store:get': return a.key in data ? { found: true, value: data[a.key] } : { found: false };
        case 'store:delete': { const had = a.key in data; delete data[a.key]; return had; }
        case 'store:keys': return Object.keys(data);
        default: return null;
      }
    });
    const { store, info } = await Store.load('s.json');
    expect(info.size).toBe(0);
    await store.set('theme', 'dark');
    expect(await store.get('theme')).toBe('dark');
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.has('theme')).toBe(true);
    expect(await store.keys()).toEqual(['theme']);
    expect(await store.delete('theme')).toBe(true);
  });

  it('onChange sees only its own store', () => {
    mockIPC(() => null);
    const ev = mockEvents();
    const s = new Store('a.json');
    const got: unknown[] = [];
    const un = s.onChange((c) => got.push(c));
    ev.emit('store:changed', { store: 'b.json', key: 'k', value: 1 });
    ev.emit('store:changed', { store: 'a.json', key: 'k', value: 2 });
    un();
    ev.emit('store:changed', { store: 'a.json', key: 'k', value: 3 });
    expect(got).toEqual([{ store: 'a.json', key: 'k', value: 2 }]);
  });
});

describe('@sash/api/sql', () => {
  it('binds params, never builds SQL, and windows big queries', async () => {
    const ipc = mockIPC((cmd, a) => {
      if (cmd === 'sql:select') return [{ n: 1 }];
      if (cmd === 'sql:query') return { rows: 'sql:rows:1', total: 5000, columns: ['id'] };
      if (cmd === 'sql:rows:1') return { total: 5000, from: a.from, rows: [{ id: a.from }] };
      return { rowsAffected: 1, lastInsertId: 3 };
    });
    const db = await Database.open('t.db');
    expect(await db.execute('INSERT INTO t VALUES (?)', ["x'); DROP TABLE t; --"])).toEqual({ rowsAffected: 1, lastInsertId: 3 });
    expect(await db.select('SELECT ? AS n', [1])).toEqual([{ n: 1 }]);
    const q = await db.query<{ id: number }>('SELECT id FROM t');
    expect(q.total).toBe(5000);
    expect(await q.rows.count()).toBe(5000);
    await q.close();
    expect(ipc.calls[1]).toMatchObject({ cmd: 'sql:execute', args: { db: 't.db', sql: 'INSERT INTO t VALUES (?)', params: ["x'); DROP TABLE t; --"] } });
    expect(ipc.calls.at(-1)).toMatchObject({ cmd: 'sql:query_close', args: { rows: 'sql:rows:1' } });
  });

  it('sql_error keeps SQLite\'s message', async () => {
    mockIPC((cmd) => { if (cmd === 'sql:open') return { db: 't.db' }; throw new SashError('sql_error', 'no such table: x'); });
    const db = await Database.open('t.db');
    await expect(db.select('SELECT * FROM x')).rejects.toMatchObject({ code: 'sql_error', message: 'no such table: x' });
  });
});

describe('@sash/api/log, os, autostart, single-instance', () => {
  it('log joins its parts into one message', async () => {
    const ipc = mockIPC(() => null);
    await log.info('saved', { n: 2 }, 3);
    await log.warn('w');
    expect(ipc.calls.map((c) => c.args)).toEqual([
      { level: 'info', message: 'saved {"n":2} 3' }, { level: 'warn', message: 'w' }]);
  });

  it('os and autostart call their commands', async () => {
    const ipc = mockIPC((cmd) => (cmd === 'os:info' ? { platform: 'linux' } : cmd === 'autostart:is_enabled' ? true : null));
    expect((await os.info()).platform).toBe('linux');
    await os.folders();
    await autostart.enable();
    expect(await autostart.isEnabled()).toBe(true);
    await autostart.disable();
    expect(ipc.calls.map((c) => c.cmd)).toEqual(['os:info', 'os:folders', 'autostart:enable', 'autostart:is_enabled', 'autostart:disable']);
  });

  it('onSecondInstance gets argv and cwd', () => {
    mockIPC(() => null);
    const ev = mockEvents();
    const got: unknown[] = [];
    onSecondInstance((l) => got.push(l));
    ev.emit('single-instance', { argv: ['app', 'file.txt'], cwd: '/home/u' });
    expect(got).toEqual([{ argv: ['app', 'file.txt'], cwd: '/home/u' }]);
  });
});

describe('@sash/api/deep-link', () => {
  it('getCurrent asks C; onOpenUrl gets each URL', async () => {
    const ipc = mockIPC(() => ['myapp://a']);
    expect(await getCurrent()).toEqual(['myapp://a']);
    expect(ipc.calls[0]!.cmd).toBe('deep-link:get_current');
    const ev = mockEvents();
    const got: string[] = [];
    const un = onOpenUrl((u) => got.push(u));
    ev.emit('deep-link', { url: 'myapp://b' });
    un();
    ev.emit('deep-link', { url: 'myapp://c' });
    expect(got).toEqual(['myapp://b']);
  });
});

describe('@sash/api/path', () => {
  it('normalize, join, dirname, basename, extname', () => {
    expect(path.normalize('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(path.normalize('/../x')).toBe('/x');
    expect(path.normalize('a/../../b')).toBe('../b');
    expect(path.join('/home/u', 'docs', '../notes', 'a.md')).toBe('/home/u/notes/a.md');
    expect(path.join('/a', '/b')).toBe('/b');
    expect(path.dirname('/a/b.txt')).toBe('/a');
    expect(path.dirname('/a')).toBe('/');
    expect(path.basename('/a/b.txt')).toBe('b.txt');
    expect(path.basename('/a/b.txt', '.txt')).toBe('b');
    expect(path.extname('/a/b.tar.gz')).toBe('.gz');
    expect(path.extname('/a/.bashrc')).toBe('');
    expect(path.isAbsolute('/x')).toBe(true);
    expect(path.isAbsolute('x')).toBe(false);
  });
});
