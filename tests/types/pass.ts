// Must compile against the declarations `sash types` generated from
// typed_app.c (gen/sash-types.d.ts).
import { Channel, invoke, listen } from '@sash/api';
import { useInvoke as useVueInvoke } from '@sash/vue';
import { useInvoke as useReactInvoke } from '@sash/react';
import { mockIPC } from '@sash/api/mocks';

export async function calls(): Promise<string> {
  const s: string = await invoke('greet', { name: 'Ada' });
  const t: string = await invoke('greet', { name: 'Ada', times: 2 });
  const r = await invoke('search', { path: '/x', tags: [], mode: 'fast' });
  const line: number | undefined = r.hits[0]?.line;
  const truncated: boolean = r.truncated;
  const n: number | null = await invoke('import_file', { file: 'a', progress: new Channel<number>() });
  const up: number = await invoke('uptime');
  const d: 'done' | 'skipped' = await invoke('plugin:do-it');
  const d2 = await invoke('plugin:do-it', { 'odd key': true });
  const loose = await invoke<{ anything: 1 }>('untyped', { x: 1 });
  listen('tick', (e) => { const at: number = e.payload.at; void at; });
  listen('file:changed', (e) => { const f: string[] = e.payload; void f; });
  return `${s}${t}${line}${truncated}${n}${up}${d}${d2}${loose.anything}`;
}

export function hooks(): void {
  const v = useVueInvoke('greet', () => ({ name: 'x' }));
  const vs: string | undefined = v.data.value;
  const re = useReactInvoke('search', { path: '/', tags: ['a'], mode: 'full' });
  const rt: boolean | undefined = re.data?.truncated;
  void vs;
  void rt;
}

export function mocks(): void {
  mockIPC({
    greet: ({ name }) => `Hello, ${name}`,
    search: () => ({ hits: [{ file: 'a', line: 1 }], truncated: false }),
    untyped: () => 42,
  });
}
