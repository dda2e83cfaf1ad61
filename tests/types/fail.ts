// Every line marked ERR must be a TypeScript error against the declarations
// `sash types` generated from typed_app.c; no other line may be.
import { Channel, invoke, listen } from '@sash/api';
import { useInvoke as useVueInvoke } from '@sash/vue';
import { useInvoke as useReactInvoke } from '@sash/react';
import { mockIPC } from '@sash/api/mocks';

export async function calls(): Promise<void> {
  await invoke('greet', { nme: 'x' }); // ERR misspelt field
  await invoke('greet'); // ERR required args missing
  await invoke('greet', { name: 1 }); // ERR wrong type
  await invoke('search', { path: '/x', tags: [], mode: 'slow' }); // ERR not a literal of the union
  await invoke('search', { path: '/x', tags: [1], mode: 'fast' }); // ERR string[]
  const s: string = await invoke('uptime'); // ERR result is number
  await invoke('import_file', { file: 'a', progress: 3 }); // ERR not a Channel
  await invoke('import_file', { file: 'a', progress: new Channel<string>() }); // ERR Channel<number>
  listen('tick', (e) => { const x: string = e.payload.at; void x; }); // ERR payload.at is number
  void s;
}

export function hooks(): void {
  const v = useVueInvoke('greet', () => ({ name: 'x' }));
  const vs: number | undefined = v.data.value; // ERR data is string
  useReactInvoke('search', { path: '/' }); // ERR tags and mode missing
  void vs;
}

export function mocks(): void {
  mockIPC({
    greet: () => 42, // ERR result must be a string
  });
}
