import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Channel, invoke } from '@sash/api';
import App from './App';
import './style.css';

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// SASH_SMOKE=1 opens the page at #smoke: call both commands, report to C.
if (location.hash === '#smoke') {
  (async () => {
    const greeting = await invoke('greet', { name: 'smoke' });
    let last = 0;
    const result = await invoke('count', { to: 20, progress: new Channel<number>((n) => (last = n)) });
    await invoke('smoke_done', { greeting, last, result, origin: location.origin });
  })().catch((err) => console.error('smoke failed', err));
}
