import { describe, expect, it } from 'vitest';
import { Channel, argsKey } from '@sash/api';

describe('argsKey', () => {
  it('equal JSON gives equal keys, whatever the key order', () => {
    expect(argsKey({ a: 1, b: [1, { c: 'x' }] })).toBe(argsKey({ b: [1, { c: 'x' }], a: 1 }));
    expect(argsKey({ a: 1 })).not.toBe(argsKey({ a: 2 }));
    expect(argsKey({ a: '1' })).not.toBe(argsKey({ a: 1 }));
    expect(argsKey(null)).not.toBe(argsKey(undefined));
    expect(argsKey({ d: new Date(0) })).toBe(argsKey({ d: '1970-01-01T00:00:00.000Z' }));
  });

  it('channels and bytes count by identity, cycles do not hang', () => {
    const a = new Channel(), b = new Channel();
    expect(argsKey({ ch: a })).toBe(argsKey({ ch: a }));
    expect(argsKey({ ch: a })).not.toBe(argsKey({ ch: b }));
    const u = new Uint8Array([1]);
    expect(argsKey({ u })).toBe(argsKey({ u }));
    expect(argsKey({ u })).not.toBe(argsKey({ u: new Uint8Array([1]) }));
    expect(a.closed).toBe(true); // computing a key never opens a channel
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(typeof argsKey(cyc)).toBe('string');
  });
});
