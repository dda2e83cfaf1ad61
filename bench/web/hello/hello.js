// The hello page of the size comparison: one button, one call to C.
const greet = window.__SASH__
  ? (name) => window.__SASH__.invoke('greet', { name })
  : (name) => window.webkit.messageHandlers.hello.postMessage({ name });

document.getElementById('greet').onclick = async () => {
  document.getElementById('out').textContent = await greet('world');
};
