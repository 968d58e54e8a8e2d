/**
 * The only file that touches `ipcMain`: one `ipcMain.handle` per contract channel, each
 * forwarding to the router, which checks the sender, validates the payload and shapes the Result.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcRouter } from './ipc-router';
import type { SenderInfo } from './trusted-sender';

/** What the router learns about the frame that called. */
function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    // A frame that has gone away (null) is never the main frame.
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/** Registers every channel of `router`; returns a function that removes them again. */
export function registerIpc(router: IpcRouter): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const contents = event.sender;
      const controller = new AbortController();
      const abort = () => controller.abort();
      // Long operations (a jwks_uri check, a key generation) stop when their window goes away.
      contents.once('destroyed', abort);
      return router
        .dispatch(channel, payload, senderOf(event), {
          emit: (eventChannel, eventPayload) => {
            if (!contents.isDestroyed()) contents.send(eventChannel, eventPayload);
          },
          signal: controller.signal,
        })
        .finally(() => contents.off('destroyed', abort));
    });
  }
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel);
  };
}
