import { createContext } from 'svelte';
import type { AppState } from './stores/app-state.svelte';

/** The one app state, set by App.svelte from the instance main.ts created. */
export const [getAppState, setAppState] = createContext<AppState>();
