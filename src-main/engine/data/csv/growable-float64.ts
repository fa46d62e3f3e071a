/**
 * A Float64Array that grows by doubling, so a column of a million numbers is stored in 8 MB
 * instead of a JS array of boxed values, and never needs the row count in advance.
 */
export interface GrowableFloat64 {
  push(value: number): void;
  readonly length: number;
  /** A right-sized copy of the values pushed so far. */
  toArray(): Float64Array;
}

export function createGrowableFloat64(initialCapacity = 1024): GrowableFloat64 {
  let buffer = new Float64Array(Math.max(1, initialCapacity));
  let length = 0;
  return {
    push(value: number): void {
      if (length === buffer.length) {
        const grown = new Float64Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
      }
      buffer[length] = value;
      length += 1;
    },
    get length(): number {
      return length;
    },
    toArray(): Float64Array {
      return buffer.slice(0, length);
    },
  };
}
