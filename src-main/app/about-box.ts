import { dialog, type BrowserWindow } from 'electron';
import type { ResponseOf } from '../contract/api-contract';
import type { Result } from '../contract/result';

type AppInfo = ResponseOf<'app:info'>;

const BACKEND_NAMES: Record<AppInfo['backend']['name'], string> = {
  tensorflow: 'native TensorFlow',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript (cpu)',
};

/**
 * The About box's text: the app and its versions, and the TensorFlow.js backend training runs on,
 * with the reason when it is not the native one the user may expect.
 */
export function aboutText(
  info: Result<AppInfo>,
  runtime: { name: string; version: string; versions: Partial<Record<string, string>>; os: string },
): { message: string; detail: string } {
  const lines: string[] = [];
  if (info.ok) {
    const { backend } = info.value;
    lines.push(`Training backend: ${BACKEND_NAMES[backend.name]} (${backend.version})`);
    if (backend.fallbackReason !== null) lines.push(`Why: ${backend.fallbackReason}`);
  } else {
    lines.push(`Training backend: unavailable (${info.error.message})`);
  }
  const { versions } = runtime;
  lines.push(
    '',
    `Electron ${versions['electron'] ?? '?'} · Chromium ${versions['chrome'] ?? '?'} · Node.js ${versions['node'] ?? '?'} · V8 ${versions['v8'] ?? '?'}`,
    runtime.os,
  );
  return { message: `${runtime.name} ${runtime.version}`, detail: lines.join('\n') };
}

export async function showAboutBox(
  window: BrowserWindow | null,
  text: { message: string; detail: string },
): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About RNN Studio',
    message: text.message,
    detail: text.detail,
    buttons: ['OK'],
  };
  await (window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options));
}
