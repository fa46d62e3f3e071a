/** numpy.linspace(start, stop, count): count evenly spaced values including both ends. */
export function linspace(start: number, stop: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const step = count > 1 ? (stop - start) / (count - 1) : 0;
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  return out;
}

export interface SineData {
  /** sin(linspace(0, 100, 10 000)): the tutorial's training sequence. */
  train: Float64Array;
  trainX: Float64Array;
  /** sin(linspace(100, 110, 1 000)): the tutorial's test sequence, right after the training one. */
  test: Float64Array;
  testX: Float64Array;
}

export function makeSineData(trainCount = 10_000, testCount = 1_000): SineData {
  const trainX = linspace(0, 100, trainCount);
  const testX = linspace(100, 110, testCount);
  return { trainX, train: trainX.map(Math.sin), testX, test: testX.map(Math.sin) };
}
