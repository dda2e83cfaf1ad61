import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockEvents, mockIPC } from '@sash/api/mocks';
import { DRAG_DROP_EVENT, getCurrentWindow, type DragDropEvent } from '@sash/api/window';

afterEach(() => clearMocks());

describe('onDragDrop', () => {
  it('gets enter, over, drop and leave in order, typed', () => {
    const ipc = mockIPC(() => null);
    const ev = mockEvents();
    const seen: DragDropEvent[] = [];
    const off = getCurrentWindow().onDragDrop((e) => seen.push(e));
    ev.emit(DRAG_DROP_EVENT, { type: 'enter', paths: ['/a/x.log'], position: { x: 1, y: 2 } });
    ev.emit(DRAG_DROP_EVENT, { type: 'over', position: { x: 3, y: 4 } });
    ev.emit(DRAG_DROP_EVENT, { type: 'drop', paths: ['/a/x.log', '/b'], position: { x: 5, y: 6 } });
    ev.emit(DRAG_DROP_EVENT, { type: 'leave' });
    expect(seen.map((e) => e.type)).toEqual(['enter', 'over', 'drop', 'leave']);
    const drop = seen[2];
    if (drop?.type !== 'drop') throw new Error('the third event is not the drop');
    expect(drop.paths).toEqual(['/a/x.log', '/b']);
    expect(drop.position).toEqual({ x: 5, y: 6 });
    expect(ipc.calls).toEqual([]); // listening costs no command
    off();
    ev.emit(DRAG_DROP_EVENT, { type: 'leave' });
    expect(seen).toHaveLength(4);
    expect(ev.listenerCount()).toBe(0);
  });

  it('drops malformed payloads instead of passing them on', () => {
    mockIPC(() => null);
    const ev = mockEvents();
    const seen: DragDropEvent[] = [];
    const off = getCurrentWindow().onDragDrop((e) => seen.push(e));
    ev.emit(DRAG_DROP_EVENT, null);
    ev.emit(DRAG_DROP_EVENT, { type: 'drop' });
    ev.emit(DRAG_DROP_EVENT, { type: 'drop', paths: [1, 2] });
    ev.emit(DRAG_DROP_EVENT, { type: 'explode' });
    expect(seen).toEqual([]);
    off();
  });

  it('rejects a handler that is not a function', () => {
    expect(() => getCurrentWindow().onDragDrop(undefined as never))
      .toThrow(expect.objectContaining({ code: 'bad_args' }));
  });

  it("onDragDropEvent (Tauri's name) wraps the event in { payload }", async () => {
    mockIPC(() => null);
    const ev = mockEvents();
    const got: unknown[] = [];
    const off = await getCurrentWindow().onDragDropEvent((e) => got.push(e));
    ev.emit(DRAG_DROP_EVENT, { type: 'leave' });
    expect(got).toEqual([{ payload: { type: 'leave' } }]);
    off();
  });
});
