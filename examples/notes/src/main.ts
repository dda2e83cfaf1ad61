import { createApp } from 'vue';
import { invoke } from '@sash/api';
import App from './App.vue';
import './style.css';

if (location.hash === '#smoke') {
  // SASH_SMOKE=1 opens the page at #smoke: boot, search, open, save, re-read
  // through the real bridge, then report to C (the app exits 0 only if right).
  (async () => {
    const boot = await invoke('boot', {});
    const hits = await invoke('list', { q: 'lentil so', offset: 0, limit: 20 });
    const first = hits.items[0];
    if (!first) throw new Error(`no hits (of ${boot.total} notes)`);
    const note = await invoke('open_note', { id: first.id });
    const body = `${note.body}\nsmoke ${Date.now()}`;
    await invoke('save_note', { id: note.id, title: note.title, body });
    const again = await invoke('open_note', { id: note.id });
    const ok = again.body === body && hits.total > 0 && hits.ms >= 0 && first.snippet.includes('<mark>');
    await invoke('smoke_done', {
      ok, detail: `notes=${boot.total} hits=${hits.total} search_ms=${hits.ms.toFixed(2)} open_ms=${note.ms.toFixed(2)}`,
    });
  })().catch((err) => invoke('smoke_done', { ok: false, detail: String(err) }));
} else if (location.hash === '#smoke-edit') {
  // SASH_SMOKE=edit: an edit reaches C the way autosave sends it, then the
  // test SIGKILLs the app and reads the database (tests/run-app.sh).
  (async () => {
    await invoke('boot', {});
    const text = `killed mid-edit ${Date.now()}`;
    const note = await invoke('open_note', { id: 7 });
    await invoke('save_note', { id: 7, title: note.title, body: text });
    await invoke('smoke_done', { ok: true, detail: `saved id=7 body=${text}`, stay: true });
  })().catch((err) => invoke('smoke_done', { ok: false, detail: String(err) }));
} else {
  createApp(App).mount('#app');
}
