import { afterEach, describe, expect, it } from 'vitest';
import { SashError } from '@sash/api';
import { ask, confirm, message, open, save } from '@sash/api/dialog';
import { readHtml, readImage, readText, writeHtml, writeImage, writeText } from '@sash/api/clipboard';
import {
  isPermissionGranted, onAction, requestPermission, sendNotification,
} from '@sash/api/notification';
import { openPath, openUrl, revealItemInDir } from '@sash/api/opener';
import { clearMocks, mockEvents, mockIPC } from '@sash/api/mocks';

afterEach(() => clearMocks());

describe('@sash/api/dialog', () => {
  it('open and save send their options and resolve what C answers', async () => {
    const ipc = mockIPC({
      'dialog:open': (a: { multiple?: boolean }) => (a.multiple ? ['/a', '/b'] : '/a'),
      'dialog:save': () => null,
    });
    const filters = [{ name: 'CSV', extensions: ['csv'] }];
    expect(await open({ filters, defaultPath: '/home' })).toBe('/a');
    const many: string[] | null = await open({ multiple: true });
    expect(many).toEqual(['/a', '/b']);
    expect(await save({ defaultPath: 'out.csv' })).toBeNull();
    expect(ipc.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['dialog:open', { filters, defaultPath: '/home' }],
      ['dialog:open', { multiple: true }],
      ['dialog:save', { defaultPath: 'out.csv' }],
    ]);
  });

  it('message, ask and confirm put the text in args.message; a string is the title', async () => {
    const ipc = mockIPC((cmd) => (cmd === 'dialog:message' ? null : cmd === 'dialog:ask'));
    await expect(message('Saved', 'Export')).resolves.toBeUndefined();
    expect(await ask('Delete?', { kind: 'warning', okLabel: 'Delete' })).toBe(true);
    expect(await confirm('Sure?')).toBe(false);
    expect(ipc.calls.map((c) => c.args)).toEqual([
      { title: 'Export', message: 'Saved' },
      { kind: 'warning', okLabel: 'Delete', message: 'Delete?' },
      { message: 'Sure?' },
    ]);
  });

  it('a refusal arrives as a SashError with its code', async () => {
    mockIPC(() => { throw new SashError('forbidden', "missing permission 'dialog:allow-open'"); });
    await expect(open()).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('@sash/api/clipboard', () => {
  it('text and HTML go as JSON, images as raw bytes', async () => {
    let stored: Uint8Array | undefined;
    const ipc = mockIPC((cmd, args, ctx) => {
      if (cmd === 'clipboard:write_image') stored = ctx.bytes;
      if (cmd === 'clipboard:read_image') return stored ?? null;
      if (cmd === 'clipboard:read_text') return 'pasted';
      if (cmd === 'clipboard:read_html') return null;
      return null;
    });
    await writeText('hi');
    await writeHtml('<b>x</b>');
    expect(await readText()).toBe('pasted');
    expect(await readHtml()).toBeNull();
    expect(await readImage()).toBeNull();
    await writeImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const back = await readImage();
    expect(back).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(back!)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(ipc.calls.slice(0, 2).map((c) => [c.cmd, c.args])).toEqual([
      ['clipboard:write_text', { text: 'hi' }],
      ['clipboard:write_html', { html: '<b>x</b>' }],
    ]);
  });

  it('a Blob is sent as its bytes', async () => {
    let got: number[] = [];
    mockIPC({ 'clipboard:write_image': (_a: unknown, ctx) => { got = [...ctx.bytes!]; } });
    await writeImage(new Blob([new Uint8Array([1, 2, 3])]));
    expect(got).toEqual([1, 2, 3]);
  });
});

describe('@sash/api/notification', () => {
  it('sends, reports permission, and hears actions', async () => {
    const ipc = mockIPC({
      'notification:is_permission_granted': () => true,
      'notification:request_permission': () => 'granted',
      'notification:notify': () => 7,
    });
    const events = mockEvents();
    expect(await isPermissionGranted()).toBe(true);
    expect(await requestPermission()).toBe('granted');
    expect(await sendNotification('Hello')).toBe(7);
    expect(await sendNotification({ title: 'T', body: 'B', actions: [{ id: 'a', title: 'A' }] })).toBe(7);
    expect(ipc.calls.slice(2).map((c) => c.args)).toEqual([
      { title: 'Hello' },
      { title: 'T', body: 'B', actions: [{ id: 'a', title: 'A' }] },
    ]);
    const seen: unknown[] = [];
    const un = await onAction((e) => seen.push(e));
    events.emit('notification:action', { id: 7, action: 'a' });
    await new Promise((r) => setTimeout(r, 0));
    un();
    events.emit('notification:action', { id: 7, action: 'b' });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ id: 7, action: 'a' }]);
  });
});

describe('@sash/api/opener', () => {
  it('sends URLs and paths to their commands', async () => {
    const ipc = mockIPC(() => null);
    await openUrl(new URL('https://example.org/a b'));
    await openPath('/tmp/x.pdf');
    await revealItemInDir('/tmp/x.pdf');
    expect(ipc.calls.map((c) => [c.cmd, c.args])).toEqual([
      ['opener:open_url', { url: 'https://example.org/a%20b' }],
      ['opener:open_path', { path: '/tmp/x.pdf' }],
      ['opener:reveal_item_in_dir', { path: '/tmp/x.pdf' }],
    ]);
  });

  it('a forbidden scheme rejects with the code C gives', async () => {
    mockIPC(() => { throw new SashError('forbidden', 'the URL scheme "file" is not allowed'); });
    await expect(openUrl('file:///etc/passwd')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
