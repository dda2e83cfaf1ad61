// The DOM input fallback (GTK4, where WebKit cannot synthesize input): the
// scripts @sash/e2e runs with the element as arguments[0], in jsdom.
import { afterEach, describe, expect, it } from 'vitest';

import { isUnsupportedInput, SYNTH_CLEAR, SYNTH_CLICK, SYNTH_TYPE } from '../src/driver.js';

const run = (script: string, ...args: unknown[]) =>
  new Function(`return (function () { ${script} }).apply(null, arguments[0]);`)(args);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('DOM input fallback', () => {
  it('clicks: handlers run and the element gets focus', () => {
    document.body.innerHTML = '<button id="b">Go</button>';
    const b = document.getElementById('b')!;
    let clicks = 0;
    b.addEventListener('click', () => clicks++);
    run(SYNTH_CLICK, b);
    expect(clicks).toBe(1);
    expect(document.activeElement).toBe(b);
  });

  it('types: appends, fires input and change, through the prototype setter', () => {
    document.body.innerHTML = '<input id="i" value="Ad">';
    const i = document.getElementById('i') as HTMLInputElement;
    const seen: string[] = [];
    i.addEventListener('input', (e) => seen.push(`input:${(e as InputEvent).data}:${i.value}`));
    i.addEventListener('change', () => seen.push(`change:${i.value}`));
    // A framework that tracks the instance's own value property (React)
    // only notices writes through the prototype's setter.
    let ownWrites = 0;
    Object.defineProperty(i, 'value', {
      configurable: true,
      get: () => Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.get!.call(i),
      set: (v: string) => {
        ownWrites++;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(i, v);
      },
    });
    run(SYNTH_TYPE, i, 'a');
    expect(i.value).toBe('Ada');
    expect(ownWrites).toBe(0);
    expect(seen).toEqual(['input:a:Ada', 'change:Ada']);
  });

  it('types Enter: key events, then the form is submitted; other key codes dropped', () => {
    document.body.innerHTML = '<form id="f"><input id="i"></form>';
    const f = document.getElementById('f') as HTMLFormElement;
    const i = document.getElementById('i') as HTMLInputElement;
    const events: string[] = [];
    i.addEventListener('keydown', (e) => events.push(`keydown:${e.key}`));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      events.push('submit');
    });
    run(SYNTH_TYPE, i, 'x\uE004\uE007');
    expect(i.value).toBe('x');
    expect(events).toEqual(['keydown:Enter', 'submit']);
  });

  it('clears: empty value, input and change', () => {
    document.body.innerHTML = '<textarea id="t">old</textarea>';
    const t = document.getElementById('t') as HTMLTextAreaElement;
    const seen: string[] = [];
    t.addEventListener('input', () => seen.push('input'));
    t.addEventListener('change', () => seen.push('change'));
    run(SYNTH_CLEAR, t);
    expect(t.value).toBe('');
    expect(seen).toEqual(['input', 'change']);
  });

  it('recognises the driver\'s "unsupported operation" only', () => {
    expect(isUnsupportedInput(new Error('WebDriverError: unsupported operation when running "click"'))).toBe(true);
    expect(isUnsupportedInput(new Error('no such element'))).toBe(false);
    expect(isUnsupportedInput('unsupported operation')).toBe(false);
  });
});
