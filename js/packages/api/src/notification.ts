/**
 * @sash/api/notification - desktop notifications (Tauri's
 * plugin-notification names).  `notification:default` grants sending;
 * the desktop asks no consent of its own, so the permission is the grant.
 * Clicks and action buttons arrive as the event `notification:action`.
 *
 * @example
 * if (await isPermissionGranted()) {
 *   const id = await sendNotification({ title: 'Export done', actions: [{ id: 'show', title: 'Show' }] });
 *   await onAction((a) => { if (a.id === id && a.action === 'show') reveal(); });
 * }
 */
import { invoke, listen, type UnlistenFn } from './index.js';

export interface NotificationAction {
  /** What `onAction` reports (`default` is the notification's body). */
  id: string;
  /** The button's label. */
  title: string;
}

export interface Options {
  title: string;
  body?: string;
  /** An icon name of the desktop theme, or an absolute file path. */
  icon?: string;
  /** At most 16 buttons. */
  actions?: NotificationAction[];
}

export type Permission = 'granted' | 'denied';

export interface ActionEvent {
  /** The notification's id, as sendNotification resolved. */
  id: number;
  /** `default` for a click on the notification itself, else the action's id. */
  action: string;
}

/** Whether this window may send notifications (its capability grants it). */
export function isPermissionGranted(): Promise<boolean> {
  return invoke<boolean>('notification:is_permission_granted');
}

/** The same answer as a Permission; nothing is asked of the user. */
export function requestPermission(): Promise<Permission> {
  return invoke<Permission>('notification:request_permission');
}

/** Shows a notification; resolves to its id. */
export function sendNotification(options: Options | string): Promise<number> {
  const o = typeof options === 'string' ? { title: options } : { ...options };
  return invoke<number>('notification:notify', o as unknown as Record<string, unknown>);
}

/** Calls `cb` for every click or action on this app's notifications. */
export function onAction(cb: (e: ActionEvent) => void): Promise<UnlistenFn> {
  return Promise.resolve(listen<ActionEvent>('notification:action', (e) => cb(e.payload)));
}
