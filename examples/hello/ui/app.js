const { invoke, listen } = window.__SASH__;

const form = document.getElementById('greet');
const reply = document.getElementById('reply');

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  reply.classList.remove('error');
  try {
    reply.textContent = await invoke('greet', { name: document.getElementById('name').value });
  } catch (err) {
    reply.classList.add('error');
    reply.textContent = `${err.code}: ${err.message}`;
  }
});

listen('tick', (ev) => {
  document.getElementById('ticks').textContent = ev.payload;
});
