import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api/create-api';
import { AppState } from './lib/stores/app-state.svelte';
import './styles/app.css';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled (privacy settings, some file:// contexts): run without persistence.
    return null;
  }
}

createApi()
  .then((api) => {
    const app = new AppState(api, localStorageOrNull(), prefersDark);
    mount(App, { target, props: { app } });
    void app.start();
  })
  .catch((error: unknown) => {
    // No API means nothing can work; say so plainly instead of showing an empty window.
    const message = document.createElement('p');
    message.className = 'fatal';
    message.textContent = `RNN Studio could not connect to its engine: ${
      error instanceof Error ? error.message : String(error)
    }`;
    target.replaceChildren(message);
  });
