import { describe, expectTypeOf, it } from 'vitest';
import { ref, type Ref } from 'vue';
import { useEvent as useEventVue, useInvoke as useInvokeVue } from '@sash/vue';
import { useEvent as useEventReact, useInvoke as useInvokeReact } from '@sash/react';

declare module '@sash/api' {
  interface Commands {
    search: { args: { q: string }; result: string[] };
  }
  interface Events {
    progress: number;
  }
}

describe('bindings take the declared command types', () => {
  it('vue', () => {
    const q = ref('');
    const r = useInvokeVue('search', () => ({ q: q.value }));
    expectTypeOf(r.data).toMatchTypeOf<Readonly<Ref<string[] | undefined>>>();
    // @ts-expect-error wrong args for a declared command
    useInvokeVue('search', { q: 1 });
    const loose = useInvokeVue<number>('other', { a: 1 });
    expectTypeOf(loose.data.value).toEqualTypeOf<number | undefined>();
    useEventVue('progress', (e) => expectTypeOf(e.payload).toEqualTypeOf<number>());
  });

  it('react', () => {
    const r = useInvokeReact('search', { q: 'x' });
    expectTypeOf(r.data).toEqualTypeOf<string[] | undefined>();
    // @ts-expect-error wrong args for a declared command
    useInvokeReact('search', { nope: true });
    expectTypeOf(useInvokeReact<boolean>('other').data).toEqualTypeOf<boolean | undefined>();
    useEventReact('progress', (e) => expectTypeOf(e.payload).toEqualTypeOf<number>());
  });
});
