// The page against @sash/api/mocks: search as you type, the windowed list,
// opening, autosave (debounced, and before a switch), tags, new note, and
// the Markdown preview's sanitising.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { clearMocks, mockEvents, mockIPC, type MockIPC } from '@sash/api/mocks';
import App from '../src/App.vue';
import { renderMarkdown } from '../src/markdown';

class NoResize { observe() {} unobserve() {} disconnect() {} }
(globalThis as { ResizeObserver?: unknown }).ResizeObserver = NoResize;

type N = { id: number; title: string; body: string; notebook: number; tags: string[] };
let notes: N[];
let ipc: MockIPC;
const cmds = () => ipc.calls.map((c) => c.cmd).filter((c) => !c.startsWith('window:'));

function setup() {
  notes = [
    { id: 1, title: 'Lentil soup', body: 'Simmer the lentils with cumin.', notebook: 1, tags: ['recipe'] },
    { id: 2, title: 'Sprint retro', body: 'The sprint went well.', notebook: 2, tags: [] },
    { id: 3, title: 'Lentil salad', body: 'Cold lentils, lemon.', notebook: 1, tags: ['todo'] },
  ];
  ipc = mockIPC({
    boot: () => ({ total: notes.length, generatedMs: -1, path: '/tmp/x' }),
    sidebar: () => ({ notebooks: [{ id: 1, name: 'Recipes', count: 2 }, { id: 2, name: 'Work', count: 1 }],
      tags: [{ name: 'recipe', count: 1 }, { name: 'todo', count: 1 }], total: notes.length, ms: 0.1 }),
    list: (a) => {
      const q = (a.q ?? '').toLowerCase().trim();
      const hits = notes.filter((n) => (!q || (n.title + ' ' + n.body).toLowerCase().includes(q))
        && (!a.tag || n.tags.includes(a.tag)) && (!a.notebook || n.notebook === a.notebook));
      return { items: hits.slice(a.offset ?? 0, (a.offset ?? 0) + (a.limit ?? 50)).map((n) => ({
        id: n.id, title: n.title, snippet: n.body, notebook: n.notebook, updated: 1700000000, tags: n.tags })),
      total: hits.length, exact: true, ranked: q ? hits.length : 0, offset: a.offset ?? 0, ms: 1.25 };
    },
    open_note: (a) => {
      const n = notes.find((x) => x.id === a.id)!;
      return { ...n, updated: 1700000000, created: 1690000000, ms: 0.05 };
    },
    save_note: (a) => {
      const n = notes.find((x) => x.id === a.id)!;
      n.title = a.title; n.body = a.body;
      return { saved: true, ms: 0.2 };
    },
    create_note: (a) => { const id = notes.length + 1; notes.push({ id, title: a.title ?? '', body: '', notebook: a.notebook ?? 1, tags: [] }); return id; },
    delete_note: () => true,
    'window:watch_close': () => null,
    'window:close_answer': () => null,
    tag_note: (a) => { const n = notes.find((x) => x.id === a.id)!; n.tags = a.on ? [...new Set([...n.tags, a.tag])] : n.tags.filter((t) => t !== a.tag); return n.tags; },
  });
}

// Waits on conditions, never on time: generous, for a loaded machine.
const until = (fn: () => void) => vi.waitFor(fn, { timeout: 15000, interval: 10 });
const calls = (cmd: string) => ipc.calls.filter((c) => c.cmd === cmd);

describe('the Notes page', () => {
  let w: VueWrapper;
  beforeEach(async () => {
    setup();
    w = mount(App, { attachTo: document.body });
    await until(() => expect(w.findAll('[data-testid=note-item]')).toHaveLength(3));
    await until(() => expect(w.find('[data-testid=editor]').exists()).toBe(true));
    await flushPromises();
  });
  afterEach(() => { w.unmount(); clearMocks(); });

  it('boots, lists, opens the newest note and shows the C timings', async () => {
    expect(cmds().slice(0, 2)).toEqual(['boot', 'sidebar']);
    expect(w.findAll('[data-testid=note-item]')).toHaveLength(3);
    expect(cmds()).toContain('open_note');
    expect(w.get('[data-testid=status]').text()).toMatch(/list 1\.3 ms · 3 notes\s+·\s+open 0\.1 ms/);
  });

  it('searches as you type: each keystroke asks C, the hits and the time appear', async () => {
    const before = calls('list').length;
    await w.get('[data-testid=search]').setValue('lent');
    await until(() => expect(w.get('[data-testid=status]').text()).toMatch(/search 1\.3 ms · 2 hits/));
    expect(calls('list').length).toBeGreaterThan(before);
    expect(calls('list').at(-1)!.args).toMatchObject({ q: 'lent', offset: 0 });
    expect(w.findAll('[data-testid=note-title]').map((e) => e.text())).toEqual(['Lentil soup', 'Lentil salad']);
    await w.get('[data-testid=search]').setValue('zzz');
    await until(() => expect(w.find('[data-testid=no-hits]').exists()).toBe(true));
  });

  it('autosaves after a pause, and saves before switching notes', async () => {
    const id = Number(w.findAll('[data-testid=note-item]')[0]!.attributes('data-id'));
    await w.findAll('[data-testid=note-item]')[0]!.trigger('click');
    await until(() => expect(w.get('[data-testid=note-title-input]').element).toHaveProperty('value', notes.find((n) => n.id === id)!.title));
    await w.get('[data-testid=note-body]').setValue('edited once');
    // at once: edited, not yet saved (the save waits 300 ms for more keys)
    expect(w.get('[data-testid=save-state]').attributes('data-state')).toBe('editing');
    expect(cmds()).not.toContain('save_note');
    await until(() => expect(w.get('[data-testid=save-state]').attributes('data-state')).toBe('saved'));
    expect(calls('save_note')).toHaveLength(1);
    expect(calls('save_note')[0]!.args).toMatchObject({ id, body: 'edited once' });

    // edit, then switch at once: the save goes out before the other note opens
    await w.get('[data-testid=note-body]').setValue('edited twice');
    const mark = ipc.calls.length;
    await w.findAll('[data-testid=note-item]')[1]!.trigger('click');
    await until(() => expect(ipc.calls.slice(mark).map((c) => c.cmd)).toContain('open_note'));
    const after = ipc.calls.slice(mark).map((c) => c.cmd);
    expect(after.indexOf('save_note')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('save_note')).toBeLessThan(after.indexOf('open_note'));
    expect(notes.find((n) => n.id === id)!.body).toBe('edited twice');
  });

  it('a close request waits for the pending save, then lets the window close', async () => {
    const events = mockEvents();
    await w.get('[data-testid=note-body]').setValue('typed just before closing');
    const mark = ipc.calls.length;
    events.emit('sash:window:close-requested', { id: 7 });
    await until(() => expect(ipc.calls.slice(mark).map((c) => c.cmd)).toContain('window:close_answer'));
    const after = ipc.calls.slice(mark);
    const save = after.findIndex((c) => c.cmd === 'save_note');
    const answer = after.findIndex((c) => c.cmd === 'window:close_answer');
    expect(save).toBeGreaterThanOrEqual(0);
    expect(answer).toBeGreaterThan(save);
    expect(after[answer]!.args).toEqual({ id: 7, close: true });
  });

  it('adds and removes tags, filters by a tag', async () => {
    await w.get('[data-testid=tag-input]').setValue('urgent');
    await w.get('[data-testid=tag-input]').trigger('keydown', { key: 'Enter' });
    await until(() => expect(w.findAll('[data-testid=tag]').map((t) => t.text())).toContain('#urgent ×'));
    await w.get('[data-testid=tag-filter][data-tag=todo]').trigger('click');
    await until(() => expect(w.findAll('[data-testid=note-title]').map((e) => e.text())).toEqual(['Lentil salad']));
    expect(calls('list').at(-1)!.args).toMatchObject({ tag: 'todo' });
  });

  it('keyboard: Ctrl+N makes a note, / focuses search, arrows and Enter open', async () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', ctrlKey: true }));
    await until(() => expect(notes).toHaveLength(4));
    expect(cmds()).toContain('create_note');
    await until(() => expect(w.get('[data-testid=status]').text()).toMatch(/4 notes/));
    (document.activeElement as HTMLElement | null)?.blur();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }));
    expect(document.activeElement).toBe(w.get('[data-testid=search]').element);
    await w.get('[data-testid=search]').setValue('lentil');
    await until(() => expect(w.findAll('[data-testid=note-title]').map((e) => e.text())).toEqual(['Lentil soup', 'Lentil salad']));
    const mark = ipc.calls.length;
    await w.get('[data-testid=search]').trigger('keydown', { key: 'ArrowDown' });
    await w.get('[data-testid=search]').trigger('keydown', { key: 'Enter' });
    await until(() => expect(ipc.calls.slice(mark).filter((c) => c.cmd === 'open_note').at(-1)?.args).toEqual({ id: 3 })); // the second hit
  });
});

describe('the Markdown preview', () => {
  it('renders Markdown and strips what could run', () => {
    const html = renderMarkdown('# T\n\n**b** <img src=x onerror="alert(1)"><script>alert(2)</script>'
      + ' [l](javascript:alert(3)) <iframe src="https://x"></iframe>\n\n- [x] done\n- [ ] open');
    expect(html).toContain('<h1>T</h1>');
    expect(html).toContain('<strong>b</strong>');
    expect(html).not.toMatch(/onerror|<script|javascript:|<iframe/);
    expect(html).toMatch(/<input[^>]*checked[^>]*disabled|<input[^>]*disabled[^>]*checked/);
  });
});
