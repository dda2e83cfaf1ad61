// The screenshot nudge runs in the page (jsdom here): it adds one
// invisible pixel that changes every 16 ms, is idempotent, and leaves
// nothing behind when stopped or after 30 s.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { NUDGE_START, NUDGE_STOP } from '../src/driver.js';

const run = (code: string) => new Function(code)();
const pixels = () => document.querySelectorAll<HTMLElement>('div[aria-hidden="true"]');

describe('screenshot nudge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    run(NUDGE_STOP);
    vi.useRealTimers();
  });

  it('adds one pixel that keeps changing, once however often it starts', () => {
    run(NUDGE_START);
    run(NUDGE_START);
    expect(pixels()).toHaveLength(1);
    const px = pixels()[0]!;
    expect(px.style.width).toBe('1px');
    expect(px.style.pointerEvents).toBe('none');
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(16);
      seen.add(px.style.background);
    }
    expect(seen.size).toBe(2);
  });

  it('is gone after stop, and stop without start does nothing', () => {
    run(NUDGE_STOP);
    run(NUDGE_START);
    run(NUDGE_STOP);
    expect(pixels()).toHaveLength(0);
    expect((window as unknown as Record<string, unknown>)['__sashE2eNudge']).toBeUndefined();
  });

  it('removes itself after 30 s if never stopped', () => {
    run(NUDGE_START);
    vi.advanceTimersByTime(29_000);
    expect(pixels()).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    expect(pixels()).toHaveLength(0);
  });
});
