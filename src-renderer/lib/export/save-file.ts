import type { Api } from '../../../src-main/contract/api';
import type { ApiError } from '../../../src-main/contract/result';
import type { ExportExtension } from './file-names';

/** A file to hand to the user: text (CSV, SVG) or bytes (PNG, as base64). */
export type ExportFile =
  | { name: string; format: 'csv' | 'svg'; text: string }
  | { name: string; format: 'png'; base64: string };

/** Where the file went: a path in the desktop app, a download in a browser, or nowhere. */
export type SaveOutcome =
  | { kind: 'saved'; path: string }
  | { kind: 'downloaded'; name: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ApiError };

const MIME: Record<ExportExtension, string> = {
  csv: 'text/csv;charset=utf-8',
  svg: 'image/svg+xml;charset=utf-8',
  png: 'image/png',
};

/** The bytes of a base64 string (data URLs cannot be fetched under the app's CSP). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The base64 part of a `data:…;base64,` URL. */
export function dataUrlBase64(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma < 0 ? dataUrl : dataUrl.slice(comma + 1);
}

/** A browser download of the file through a temporary object URL. */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const blob =
    file.format === 'png'
      ? new Blob([base64Bytes(file.base64)], { type: MIME.png })
      : new Blob([file.text], { type: MIME[file.format] });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by the time the task ends; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Hands a file to the user: in the desktop app the native save dialog (`export:save`) writes it
 * where they choose; in a browser it is downloaded.
 */
export async function saveExport(
  api: Api,
  transport: 'electron' | 'web',
  file: ExportFile,
): Promise<SaveOutcome> {
  if (transport === 'web') {
    downloadFile(file);
    return { kind: 'downloaded', name: file.name };
  }
  const result = await api.call('export:save', {
    suggestedName: file.name,
    format: file.format,
    ...(file.format === 'png'
      ? { content: file.base64, encoding: 'base64' as const }
      : { content: file.text }),
  });
  if (!result.ok) return { kind: 'failed', error: result.error };
  return result.value.path === null
    ? { kind: 'cancelled' }
    : { kind: 'saved', path: result.value.path };
}
