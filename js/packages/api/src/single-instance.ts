/**
 * @sash/api/single-instance - a later launch of the app hands its
 * arguments and working folder to the running one
 * (`sash_plugin_single_instance`), which gets them as this event.
 */
import { listen, type UnlistenFn } from './index.js';

export interface SecondInstance {
  argv: string[];
  cwd: string;
}

export function onSecondInstance(cb: (launch: SecondInstance) => void): UnlistenFn {
  return listen<SecondInstance>('single-instance', (e) => cb(e.payload));
}
