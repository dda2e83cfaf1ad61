/**
 * @sash/api/deep-link - URLs of the app's own schemes (myapp://...) that
 * opened it (`sash_plugin_deep_link`).  C validates them first: only URLs
 * of the registered schemes, well-formed, reach the page.  Grant
 * `deep-link:default` for getCurrent().
 */
import { invoke, listen, type UnlistenFn } from './index.js';

/** The URLs this launch of the app was started with. */
export function getCurrent(): Promise<string[]> {
  return invoke<string[]>('deep-link:get_current');
}

/** URLs handed over later (a launch while the app runs, via single-instance). */
export function onOpenUrl(cb: (url: string) => void): UnlistenFn {
  return listen<{ url: string }>('deep-link', (e) => cb(e.payload.url));
}
