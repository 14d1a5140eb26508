import type { ChangeChannelClass, ChangeChannelPort } from './webApis.js';

/** Cross-tab "the stored state changed" notices over a BroadcastChannel, opened on first use. */
export interface ChangeChannel {
  /** Tells the other instances (tabs, workers) on this channel; this one's own listeners do not hear it. */
  notify(): void;
  listen(listener: () => void): () => void;
  close(): void;
}

/** Without a BroadcastChannel class (very old browsers) the notices are dropped: other tabs see changes on their next load. */
export function changeChannel(name: string, BroadcastChannelClass: ChangeChannelClass | undefined): ChangeChannel {
  const listeners = new Set<() => void>();
  let port: ChangeChannelPort | undefined;
  let closed = false;
  const hear = () => {
    for (const listener of [...listeners]) listener();
  };
  const open = () => {
    if (!port && BroadcastChannelClass && !closed) {
      port = new BroadcastChannelClass(name);
      port.addEventListener('message', hear);
    }
    return port;
  };
  return {
    notify: () => open()?.postMessage('changed'),
    listen(listener) {
      listeners.add(listener);
      open();
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      port?.removeEventListener('message', hear);
      port?.close();
      port = undefined;
    },
  };
}
