import { describe, expectTypeOf, it } from 'vitest';
import { Channel, SashError, invoke, listen, emit, type SashErrorCode, type UnlistenFn } from '@sash/api';
import { mockIPC } from '@sash/api/mocks';

declare module '@sash/api' {
  interface Commands {
    greet: { args: { name: string }; result: string };
    uptime: { result: number };
  }
  interface Events {
    tick: number;
  }
}

describe('declared commands', () => {
  it('take their args and resolve to their result', () => {
    expectTypeOf(invoke('greet', { name: 'Ada' })).toEqualTypeOf<Promise<string>>();
    expectTypeOf(invoke('uptime')).toEqualTypeOf<Promise<number>>();
    // @ts-expect-error missing args
    void invoke('greet');
    // @ts-expect-error wrong args
    void invoke('greet', { name: 1 });
    // @ts-expect-error a declared command is not loose (its name is refused by the loose overloads)
    void invoke('greet', { nom: 'x' }, {});
  });

  it('undeclared commands are loose, typed by the caller', () => {
    expectTypeOf(invoke<{ n: number }>('other', { x: 1 })).toEqualTypeOf<Promise<{ n: number }>>();
    expectTypeOf(invoke('other')).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(invoke('bytes', new Uint8Array(1))).toEqualTypeOf<Promise<ArrayBuffer>>();
    expectTypeOf(invoke('other', { ch: new Channel<number>() }, { signal: AbortSignal.abort() }))
      .toEqualTypeOf<Promise<unknown>>();
    // @ts-expect-error args are an object, not an array
    void invoke('other', [1]);
  });
});

describe('events and errors', () => {
  it('declared events type their payload', () => {
    expectTypeOf(listen('tick', (e) => expectTypeOf(e.payload).toEqualTypeOf<number>()))
      .toEqualTypeOf<UnlistenFn>();
    listen<string>('free', (e) => expectTypeOf(e.payload).toEqualTypeOf<string>());
    void emit('tick', 3);
    // @ts-expect-error wrong payload for a declared event
    void emit('tick', 'x');
  });

  it('SashError has a typed code', () => {
    expectTypeOf(new SashError('busy', 'x').code).toEqualTypeOf<SashErrorCode>();
    const code: SashErrorCode = 'not_found';
    expectTypeOf(code).toMatchTypeOf<string>();
  });
});

describe('typed mocks', () => {
  it('a table entry of a declared command takes its args and must return its result', () => {
    mockIPC({ greet: ({ name }) => `Hi ${name}`, other: () => 1 });
    mockIPC({ greet: async ({ name }) => name, uptime: () => 3 });
    // @ts-expect-error greet resolves to a string
    mockIPC({ greet: () => 42 });
    // @ts-expect-error greet's args have no 'nom'
    mockIPC({ greet: ({ nom }) => String(nom) });
    mockIPC((cmd, args) => `${cmd}${String(args)}`);
  });
});
