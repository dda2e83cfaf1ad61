import { useState } from 'react';
import { useChannel, useInvoke } from '@sash/react';

const to = 100;

export default function App() {
  const [name, setName] = useState('');
  // immediate: false - runs when the form is sent, not at start.
  const greet = useInvoke('greet', { name }, { immediate: false, watch: false });
  const progress = useChannel<number>();
  const count = useInvoke('count', { to, progress: progress.channel }, { immediate: false, watch: false });
  const done = progress.latest ?? 0;

  return (
    <main className="min-h-screen flex items-center justify-center p-6">
      <div className="w-full max-w-3xl xl:max-w-4xl space-y-6">
        <header className="flex items-center gap-3">
          <div className="size-10 rounded-xl bg-sky-500 grid place-items-center text-lg font-bold text-slate-950">S</div>
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">__APP_TITLE__</h1>
            <p className="text-sm text-slate-400">React + TypeScript + Tailwind, with a C backend</p>
          </div>
        </header>
        <div className="grid gap-4 md:grid-cols-2">
          <section className="rounded-2xl bg-slate-900 border border-slate-800 p-5 space-y-4">
            <h2 className="font-medium">Call C</h2>
            <form id="greet" className="flex gap-2" onSubmit={(e) => { e.preventDefault(); void greet.run(); }}>
              <input id="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Your name" autoComplete="off"
                className="min-w-0 flex-1 rounded-lg bg-slate-950 px-3 py-2 border border-slate-700 outline-none focus:border-sky-500" />
              <button className="rounded-lg bg-sky-500 px-4 py-2 font-medium text-slate-950 hover:bg-sky-400">Greet</button>
            </form>
            <p id="greeting" className="min-h-6 text-sky-300">
              {greet.error ? `${greet.error.code}: ${greet.error.message}` : greet.data ?? '\u00a0'}
            </p>
          </section>
          <section className="rounded-2xl bg-slate-900 border border-slate-800 p-5 space-y-4">
            <div className="flex items-center justify-between">
              <h2 className="font-medium">Stream progress</h2>
              <span className="text-sm text-slate-400">{done} / {to}</span>
            </div>
            <div className="h-3 rounded-full bg-slate-800 overflow-hidden">
              <div className="h-full rounded-full bg-sky-500" style={{ width: `${(done / to) * 100}%` }} />
            </div>
            <div className="flex gap-2">
              <button className="rounded-lg bg-slate-800 px-4 py-2 font-medium hover:bg-slate-700" onClick={() => void count.run()}>Count to {to}</button>
              <button className="rounded-lg px-4 py-2 text-slate-300 hover:bg-slate-800 disabled:opacity-40"
                disabled={!count.loading} onClick={count.cancel}>Cancel</button>
            </div>
          </section>
        </div>
        <p className="text-xs text-slate-500">Edit <code className="text-slate-300">src/App.tsx</code> (hot reload) or{' '}
          <code className="text-slate-300">src-c/commands.c</code> (<code>sash dev</code> swaps the new code in).</p>
      </div>
    </main>
  );
}
