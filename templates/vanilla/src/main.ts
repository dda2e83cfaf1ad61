import './style.css';
import { Channel, invoke, isSashError } from '@sash/api';

const app = document.querySelector<HTMLDivElement>('#app')!;
app.innerHTML = `
  <main class="min-h-screen flex items-center justify-center p-6">
    <div class="w-full max-w-3xl xl:max-w-4xl space-y-6">
      <header class="flex items-center gap-3">
        <div class="size-10 rounded-xl bg-indigo-500 grid place-items-center text-lg font-bold">S</div>
        <div>
          <h1 class="text-2xl font-semibold tracking-tight">__APP_TITLE__</h1>
          <p class="text-sm text-slate-400">Vite + TypeScript + Tailwind, with a C backend</p>
        </div>
      </header>
      <div class="grid gap-4 md:grid-cols-2">
        <section class="rounded-2xl bg-slate-900 border border-slate-800 p-5 space-y-4">
          <h2 class="font-medium">Call C</h2>
          <form id="greet" class="flex gap-2">
            <input id="name" placeholder="Your name" autocomplete="off"
              class="min-w-0 flex-1 rounded-lg bg-slate-950 px-3 py-2 border border-slate-700 outline-none focus:border-indigo-500" />
            <button class="rounded-lg bg-indigo-500 px-4 py-2 font-medium hover:bg-indigo-400 active:bg-indigo-600">Greet</button>
          </form>
          <p id="greeting" class="min-h-6 text-indigo-300">&nbsp;</p>
        </section>
        <section class="rounded-2xl bg-slate-900 border border-slate-800 p-5 space-y-4">
          <div class="flex items-center justify-between">
            <h2 class="font-medium">Stream progress</h2>
            <span id="count" class="text-sm text-slate-400">0 / 100</span>
          </div>
          <div class="h-3 rounded-full bg-slate-800 overflow-hidden">
            <div id="bar" class="h-full w-0 rounded-full bg-indigo-500"></div>
          </div>
          <div class="flex gap-2">
            <button id="start" class="rounded-lg bg-slate-800 px-4 py-2 font-medium hover:bg-slate-700">Count to 100</button>
            <button id="stop" disabled class="rounded-lg px-4 py-2 text-slate-300 hover:bg-slate-800 disabled:opacity-40">Cancel</button>
          </div>
        </section>
      </div>
      <p class="text-xs text-slate-500">Edit <code class="text-slate-300">src/main.ts</code> (hot reload) or
        <code class="text-slate-300">src-c/commands.c</code> (<code>sash dev</code> swaps the new code in).</p>
    </div>
  </main>`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

$('greet').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $<HTMLInputElement>('name').value;
  try {
    $('greeting').textContent = await invoke('greet', { name });
  } catch (err) {
    $('greeting').textContent = isSashError(err) ? `${err.code}: ${err.message}` : String(err);
  }
});

let job: AbortController | null = null;
$('start').addEventListener('click', async () => {
  job?.abort();
  const mine = (job = new AbortController());
  const to = 100;
  const progress = new Channel<number>((n) => {
    $('bar').style.width = `${(n / to) * 100}%`;
    $('count').textContent = `${n} / ${to}`;
  });
  $<HTMLButtonElement>('stop').disabled = false;
  try {
    await invoke('count', { to, progress }, { signal: mine.signal });
  } catch (err) {
    if (!isSashError(err) || err.code !== 'cancelled') console.error(err);
  } finally {
    if (job === mine) $<HTMLButtonElement>('stop').disabled = true;
  }
});
$('stop').addEventListener('click', () => job?.abort());

// SASH_SMOKE=1 opens the page at #smoke: call both commands, report to C.
if (location.hash === '#smoke') {
  (async () => {
    const greeting = await invoke('greet', { name: 'smoke' });
    let last = 0;
    const result = await invoke('count', { to: 20, progress: new Channel<number>((n) => (last = n)) });
    await invoke('smoke_done', { greeting, last, result, origin: location.origin });
  })().catch((err) => console.error('smoke failed', err));
}
