// IndexedDB helpers for the storage pages.
function idbOpen() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open('sash-test', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
window.idbPut = async (v) => {
  const db = await idbOpen();
  await new Promise((resolve, reject) => {
    const t = db.transaction('kv', 'readwrite');
    t.objectStore('kv').put(v, 'k');
    t.oncomplete = resolve;
    t.onerror = () => reject(t.error);
  });
  db.close();
};
window.idbGet = async () => {
  const db = await idbOpen();
  const v = await new Promise((resolve, reject) => {
    const r = db.transaction('kv').objectStore('kv').get('k');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return v;
};
