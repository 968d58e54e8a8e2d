/**
 * The only file that touches `ipcRenderer`. Exposes `window.onboarding`, built from the contract:
 * one named method per operation and one `onX` per event; listeners get payloads only, never the
 * IpcRendererEvent (it would hand the page `sender`). Bundled to a single CJS file because a
 * sandboxed preload can neither load ESM nor require node_modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '../contract/bridge';

contextBridge.exposeInMainWorld(
  'onboarding',
  createBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe: (channel, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => {
        // An error in page code must not surface inside the preload's world.
        try {
          listener(payload);
        } catch (error) {
          console.error(error);
        }
      };
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.removeListener(channel, handler);
      };
    },
  }),
);
