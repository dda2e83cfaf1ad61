/**
 * @sash/api/store - key-value JSON stores saved by C (`sash_plugin_store`)
 * in the app data folder: debounced, atomic autosave; changes reach every
 * window.  Grant `store:default` in sash.json.
 */
import { invoke, listen, type UnlistenFn } from './index.js';

/** The payload of event `store:changed` (key null: the store was cleared). */
export interface StoreChange<T = unknown> {
  store: string;
  key: string | null;
  value: T | null;
}

/** What `Store.load()` found on disk. */
export interface StoreInfo {
  path: string;
  size: number;
  /** Set when the file did not parse: it was moved aside, the store starts empty. */
  recovered?: { movedTo: string | null; reason: string };
}

export class Store {
  /** The store's file name in the app data folder, e.g. "settings.json". */
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  /** Opens (creates) the store and says what was on disk. */
  static async load(name: string): Promise<{ store: Store; info: StoreInfo }> {
    const info = await invoke<StoreInfo>('store:load', { store: name });
    return { store: new Store(name), info };
  }

  /** The value of `key`, or undefined when there is none. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    const r = await invoke<{ found: boolean; value?: T }>('store:get', { store: this.name, key });
    return r.found ? r.value : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await invoke('store:set', { store: this.name, key, value: value === undefined ? null : value });
  }

  /** Removes `key`; true if it was there. */
  delete(key: string): Promise<boolean> {
    return invoke<boolean>('store:delete', { store: this.name, key });
  }

  async has(key: string): Promise<boolean> {
    return (await invoke<{ found: boolean }>('store:get', { store: this.name, key })).found;
  }

  keys(): Promise<string[]> {
    return invoke<string[]>('store:keys', { store: this.name });
  }

  entries<T = unknown>(): Promise<Record<string, T>> {
    return invoke<Record<string, T>>('store:entries', { store: this.name });
  }

  async clear(): Promise<void> {
    await invoke('store:clear', { store: this.name });
  }

  /** Writes now instead of after the autosave delay. */
  async save(): Promise<void> {
    await invoke('store:save', { store: this.name });
  }

  /** Calls `cb` for every change of this store, made by any window. */
  onChange<T = unknown>(cb: (change: StoreChange<T>) => void): UnlistenFn {
    return listen<StoreChange<T>>('store:changed', (e) => {
      if (e.payload && e.payload.store === this.name) cb(e.payload);
    });
  }
}
