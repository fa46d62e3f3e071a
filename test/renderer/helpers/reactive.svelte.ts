/** Deeply reactive state for component props in tests, as the app's stores provide it. */
export function reactive<T>(value: T): T {
  const state = $state(value);
  return state;
}
