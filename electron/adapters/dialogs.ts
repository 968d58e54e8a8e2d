/**
 * Native open/save dialogs, parented to the main window so they are modal to it. The dialog
 * module and the window are passed in, so this file only needs Electron's types.
 */
import type { BaseWindow, Dialog, FileFilter } from 'electron';

/** What handlers use to ask the user for a file path. */
export interface DialogPort {
  /** A path to save to, or `undefined` when the user cancelled. */
  chooseSavePath(options: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | undefined>;
  /** A file to open, or `undefined` when the user cancelled. */
  chooseOpenPath(options: { title: string; filters?: FileFilter[] }): Promise<string | undefined>;
}

/** Builds the dialog adapter over Electron's `dialog`. */
export function createDialogs(dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>, getWindow: () => BaseWindow | undefined): DialogPort {
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options = { title, defaultPath: defaultName, filters: filters ?? [], properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    async chooseOpenPath({ title, filters }) {
      const options = { title, filters: filters ?? [], properties: ['openFile'] as 'openFile'[] };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
