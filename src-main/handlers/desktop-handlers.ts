import type { ParsedRequestOf, ResponseOf } from '../contract/api-contract';
import type { ExportFormat, FileKind } from '../contract/desktop-schemas';
import { writeFileAtomic } from '../engine/util/atomic-write';
import { EngineError } from '../engine/util/engine-error';
import { reasonOf } from '../engine/util/fs-errors';

/**
 * The native dialogs, passed in by the Electron app (src-main/app/dialogs.ts) so that handlers
 * never import electron. Both resolve to the path the user picked, or null when they cancelled.
 */
export interface DesktopDeps {
  chooseFile(kind: FileKind): Promise<string | null>;
  chooseSavePath(suggestedName: string, format: ExportFormat): Promise<string | null>;
}

export type DesktopChannel = 'dialog:open' | 'export:save';

export type DesktopHandlers = {
  [C in DesktopChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

function requireDesktop(desktop: DesktopDeps | undefined): DesktopDeps {
  if (desktop === undefined) {
    throw new EngineError(
      'INVALID_REQUEST',
      'native file dialogs exist only in the desktop app; in a browser, use the page’s file picker and downloads',
    );
  }
  return desktop;
}

/**
 * The channels only the desktop app serves. Without `desktop` (the web bridge) every call answers
 * with an error value instead of a dialog.
 */
export function createDesktopHandlers(desktop: DesktopDeps | undefined): DesktopHandlers {
  return {
    async 'dialog:open'({ kind }) {
      return { path: await requireDesktop(desktop).chooseFile(kind) };
    },

    async 'export:save'({ suggestedName, format, content, encoding }) {
      const path = await requireDesktop(desktop).chooseSavePath(suggestedName, format);
      if (path === null) return { path: null };
      try {
        await writeFileAtomic(
          path,
          encoding === 'base64' ? new Uint8Array(Buffer.from(content, 'base64')) : content,
        );
      } catch (error) {
        throw new EngineError(
          'PROJECT_IO',
          `could not write ${path}: ${reasonOf(error)}; choose another folder or name`,
          { cause: error },
        );
      }
      return { path };
    },
  };
}
