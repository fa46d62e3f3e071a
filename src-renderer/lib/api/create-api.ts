import type { Api } from '../../../src-main/contract/api';
import { connectWebSocketApi } from './ws-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in a browser. */
    api?: Api;
  }
}

/** Decided once at start-up: Electron's preload when present, else the web bridge's socket. */
export async function createApi(): Promise<Api> {
  if (window.api !== undefined) return window.api;
  return connectWebSocketApi(window.location);
}
