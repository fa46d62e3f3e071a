// AssemblyScript source (not TypeScript): the fused recurrent kernel behind src-main/engine/fused.
// Compiled to WebAssembly with SIMD by `npm run build:kernels` (resources/build/build-kernels.mjs);
// the engine loads the committed output, src-main/engine/fused/rnn-kernel-wasm.ts.
//
// Why a hand-written kernel: one training step of the tutorial's 2 × 30 LSTM is ~21 MFLOP, well
// under a millisecond of arithmetic, yet tfjs layers dispatch ~2 000 small ops for it (forward and
// BPTT through the unrolled cell). Here one call runs a whole sequence of one layer direction,
// forward or backward, with the gate arithmetic fused and the matrix products in f32x4 SIMD.
//
// Conventions: every pointer is a byte offset into this module's memory, owned by the caller
// (src-main/engine/fused/rnn-kernel.ts bump-allocates above heapBase()); matrices are row-major
// f32 with leading dimensions in elements. Sequences are stored batch-major like TF.js,
// row (b, t) = b * T + t. `reverse` runs t = T−1 … 0 (the backward half of a Bidirectional layer)
// but stores every result at its own time index, which is what TF.js's Bidirectional produces
// after it reverses the backward layer's output. Weights use the TF.js layout and gate order:
// kernel [F, G·u], recurrent kernel [u, G·u], bias [G·u]; LSTM gates i, f, c, o (G = 4);
// GRU z, r, h (G = 3, TF.js's reset-before formulation); SimpleRNN G = 1. The activation is tanh,
// the recurrent (gate) activation sigmoid or, with `hard`, TF.js's hardSigmoid clip(0.2x + 0.5).
// This module allocates nothing itself (stub runtime): no GC, no hidden state between calls.

export function heapBase(): usize {
  return __heap_base;
}

/**
 * exp on four lanes (Cephes expf: 2^n · p(r), |r| ≤ ln2/2, degree-6 polynomial; relative error
 * ~1e-7). Software scalar Mathf.exp/tanh cost ~19 ns each here and made the gate arithmetic, not
 * the matrix products, most of the forward pass; these run four lanes in a few ns.
 */
function expv(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87)), f32x4.splat(88));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.442695)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.1219444e-4)));
  let y = f32x4.splat(1.98756915e-4);
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(r, r)), r), f32x4.splat(1));
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2);
}

/** The gate activation on four lanes: sigmoid, or TF.js's hardSigmoid clip(0.2x + 0.5, 0, 1). */
function gatev(x: v128, hard: i32): v128 {
  if (hard) {
    const y = f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5));
    return f32x4.min(f32x4.splat(1), f32x4.max(f32x4.splat(0), y));
  }
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

/** tanh on four lanes: (1 − e^(−2|x|)) / (1 + e^(−2|x|)) with the sign of x (abs error ~1e-7). */
function tanhv(x: v128): v128 {
  const t = expv(f32x4.mul(f32x4.abs(x), f32x4.splat(-2)));
  const y = f32x4.div(f32x4.sub(f32x4.splat(1), t), f32x4.add(f32x4.splat(1), t));
  return v128.or(y, v128.and(x, i32x4.splat(0x80000000)));
}

/** Derivative of the gate activation from its output y, four lanes. */
function gateGradv(y: v128, hard: i32): v128 {
  if (hard) {
    const inside = v128.and(f32x4.gt(y, f32x4.splat(0)), f32x4.lt(y, f32x4.splat(1)));
    return v128.and(inside, f32x4.splat(0.2));
  }
  return f32x4.mul(y, f32x4.sub(f32x4.splat(1), y));
}

/** Four lanes from ptr, or (tail of a row whose width is not a multiple of 4) one, splatted. */
function ldv(ptr: usize, vec: bool): v128 {
  return vec ? v128.load(ptr) : f32x4.splat(load<f32>(ptr));
}

function stv(ptr: usize, value: v128, vec: bool): void {
  if (vec) v128.store(ptr, value);
  else store<f32>(ptr, f32x4.extract_lane(value, 0));
}

function at(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

function ld(base: usize, index: i32): f32 {
  return load<f32>(base + ((<usize>index) << 2));
}

function st(base: usize, index: i32, value: f32): void {
  store<f32>(base + ((<usize>index) << 2), value);
}

/** C[M×N] = (accumulate ? C : 0) + A[M×K] · B[K×N]. Vectorised along N, 16 columns a tile. */
export function gemmNN(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  lda: i32,
  B: usize,
  ldb: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
): void {
  gemmXN(M, N, K, A, lda, 1, B, ldb, C, ldc, accumulate);
}

/** C[M×N] = (accumulate ? C : 0) + A[K×M]ᵀ · B[K×N] (weight gradients: inputsᵀ · dZ). */
export function gemmTN(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  lda: i32,
  B: usize,
  ldb: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
): void {
  gemmXN(M, N, K, A, 1, lda, B, ldb, C, ldc, accumulate);
}

/** Cache blocking of gemmXN: a [KB × 16] column block of B is 16 KiB, resident in L1. */
const KB = 256;

/**
 * Shared body of gemmNN / gemmTN: A's element (i, k) sits at A + i·rowStride + k·colStride.
 * Column blocks of 16 outermost, then blocks of KB rows of B, then all rows of A: the block of B
 * in use stays in L1 while every row of A passes over it. Without this, each pair of output rows
 * re-read all of B from L2 (for dX = dZ·Wᵀ over the 3 200 rows of the large workload, ~800 MB of
 * L2 traffic a call), and the large workload's products ran at half the speed of small ones.
 */
function gemmXN(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  rowStride: i32,
  colStride: i32,
  B: usize,
  ldb: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
): void {
  for (let j0 = 0; j0 < N; j0 += 16) {
    const n = min(16, N - j0);
    for (let k0 = 0; k0 < K; k0 += KB) {
      gemmBlock(
        M,
        n,
        min(KB, K - k0),
        at(A, k0 * colStride),
        rowStride,
        colStride,
        at(B, k0 * ldb + j0),
        ldb,
        at(C, j0),
        ldc,
        accumulate || k0 > 0 ? 1 : 0,
      );
    }
  }
}

/** One block: two rows of C a pass share each load of B; accumulators stay in registers. */
function gemmBlock(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  rowStride: i32,
  colStride: i32,
  B: usize,
  ldb: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
): void {
  const aCol = (<usize>colStride) << 2;
  const bRow = (<usize>ldb) << 2;
  let i = 0;
  for (; i + 2 <= M; i += 2) {
    const a0 = at(A, i * rowStride);
    const a1 = at(A, (i + 1) * rowStride);
    const c0 = at(C, i * ldc);
    const c1 = at(C, (i + 1) * ldc);
    let j = 0;
    for (; j + 16 <= N; j += 16) {
      let x0 = f32x4.splat(0);
      let x1 = f32x4.splat(0);
      let x2 = f32x4.splat(0);
      let x3 = f32x4.splat(0);
      let y0 = f32x4.splat(0);
      let y1 = f32x4.splat(0);
      let y2 = f32x4.splat(0);
      let y3 = f32x4.splat(0);
      if (accumulate) {
        const p = at(c0, j);
        const q = at(c1, j);
        x0 = v128.load(p);
        x1 = v128.load(p, 16);
        x2 = v128.load(p, 32);
        x3 = v128.load(p, 48);
        y0 = v128.load(q);
        y1 = v128.load(q, 16);
        y2 = v128.load(q, 32);
        y3 = v128.load(q, 48);
      }
      let pa0 = a0;
      let pa1 = a1;
      let pb = at(B, j);
      for (let k = 0; k < K; k++) {
        const s = f32x4.splat(load<f32>(pa0));
        const r = f32x4.splat(load<f32>(pa1));
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const b2 = v128.load(pb, 32);
        const b3 = v128.load(pb, 48);
        x0 = f32x4.add(x0, f32x4.mul(s, b0));
        x1 = f32x4.add(x1, f32x4.mul(s, b1));
        x2 = f32x4.add(x2, f32x4.mul(s, b2));
        x3 = f32x4.add(x3, f32x4.mul(s, b3));
        y0 = f32x4.add(y0, f32x4.mul(r, b0));
        y1 = f32x4.add(y1, f32x4.mul(r, b1));
        y2 = f32x4.add(y2, f32x4.mul(r, b2));
        y3 = f32x4.add(y3, f32x4.mul(r, b3));
        pa0 += aCol;
        pa1 += aCol;
        pb += bRow;
      }
      const p = at(c0, j);
      const q = at(c1, j);
      v128.store(p, x0);
      v128.store(p, x1, 16);
      v128.store(p, x2, 32);
      v128.store(p, x3, 48);
      v128.store(q, y0);
      v128.store(q, y1, 16);
      v128.store(q, y2, 32);
      v128.store(q, y3, 48);
    }
    for (; j + 4 <= N; j += 4) {
      let x0 = accumulate ? v128.load(at(c0, j)) : f32x4.splat(0);
      let y0 = accumulate ? v128.load(at(c1, j)) : f32x4.splat(0);
      let pa0 = a0;
      let pa1 = a1;
      let pb = at(B, j);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        x0 = f32x4.add(x0, f32x4.mul(f32x4.splat(load<f32>(pa0)), b0));
        y0 = f32x4.add(y0, f32x4.mul(f32x4.splat(load<f32>(pa1)), b0));
        pa0 += aCol;
        pa1 += aCol;
        pb += bRow;
      }
      v128.store(at(c0, j), x0);
      v128.store(at(c1, j), y0);
    }
    for (; j < N; j++) {
      let x: f32 = accumulate ? ld(c0, j) : 0;
      let y: f32 = accumulate ? ld(c1, j) : 0;
      let pa0 = a0;
      let pa1 = a1;
      let pb = at(B, j);
      for (let k = 0; k < K; k++) {
        const b = load<f32>(pb);
        x += load<f32>(pa0) * b;
        y += load<f32>(pa1) * b;
        pa0 += aCol;
        pa1 += aCol;
        pb += bRow;
      }
      st(c0, j, x);
      st(c1, j, y);
    }
  }
  if (i < M) {
    const a0 = at(A, i * rowStride);
    const c0 = at(C, i * ldc);
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      let x0 = accumulate ? v128.load(at(c0, j)) : f32x4.splat(0);
      let pa0 = a0;
      let pb = at(B, j);
      for (let k = 0; k < K; k++) {
        x0 = f32x4.add(x0, f32x4.mul(f32x4.splat(load<f32>(pa0)), v128.load(pb)));
        pa0 += aCol;
        pb += bRow;
      }
      v128.store(at(c0, j), x0);
    }
    for (; j < N; j++) {
      let x: f32 = accumulate ? ld(c0, j) : 0;
      let pa0 = a0;
      let pb = at(B, j);
      for (let k = 0; k < K; k++) {
        x += load<f32>(pa0) * load<f32>(pb);
        pa0 += aCol;
        pb += bRow;
      }
      st(c0, j, x);
    }
  }
}

/** Sum of the four lanes. */
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** C[M×N] = (accumulate ? C : 0) + A[M×K] · B[N×K]ᵀ: dot products along K, 4 rows of B a pass. */
export function gemmNT(
  M: i32,
  N: i32,
  K: i32,
  A: usize,
  lda: i32,
  B: usize,
  ldb: i32,
  C: usize,
  ldc: i32,
  accumulate: i32,
): void {
  const K4 = K & ~3;
  for (let i = 0; i < M; i++) {
    const a = at(A, i * lda);
    const c = at(C, i * ldc);
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const b0 = at(B, j * ldb);
      const b1 = at(B, (j + 1) * ldb);
      const b2 = at(B, (j + 2) * ldb);
      const b3 = at(B, (j + 3) * ldb);
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      for (let k = 0; k < K4; k += 4) {
        const o = (<usize>k) << 2;
        const av = v128.load(a + o);
        s0 = f32x4.add(s0, f32x4.mul(av, v128.load(b0 + o)));
        s1 = f32x4.add(s1, f32x4.mul(av, v128.load(b1 + o)));
        s2 = f32x4.add(s2, f32x4.mul(av, v128.load(b2 + o)));
        s3 = f32x4.add(s3, f32x4.mul(av, v128.load(b3 + o)));
      }
      let x0 = hsum(s0);
      let x1 = hsum(s1);
      let x2 = hsum(s2);
      let x3 = hsum(s3);
      for (let k = K4; k < K; k++) {
        const av = ld(a, k);
        x0 += av * ld(b0, k);
        x1 += av * ld(b1, k);
        x2 += av * ld(b2, k);
        x3 += av * ld(b3, k);
      }
      if (accumulate) {
        x0 += ld(c, j);
        x1 += ld(c, j + 1);
        x2 += ld(c, j + 2);
        x3 += ld(c, j + 3);
      }
      st(c, j, x0);
      st(c, j + 1, x1);
      st(c, j + 2, x2);
      st(c, j + 3, x3);
    }
    for (; j < N; j++) {
      const b0 = at(B, j * ldb);
      let s0 = f32x4.splat(0);
      for (let k = 0; k < K4; k += 4) {
        const o = (<usize>k) << 2;
        s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b0 + o)));
      }
      let x0 = hsum(s0);
      for (let k = K4; k < K; k++) x0 += ld(a, k) * ld(b0, k);
      if (accumulate) x0 += ld(c, j);
      st(c, j, x0);
    }
  }
}

/** dst [cols × rows] = src [rows × cols]ᵀ (both contiguous). */
function transpose(rows: i32, cols: i32, src: usize, dst: usize): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) st(dst, c * rows + r, ld(src, r * cols + c));
  }
}

/**
 * Whether products with a transposed weight matrix, C (+)= A · Bᵀ for B [N × K], run as gemmNN on
 * a transposed copy of B (K·N floats of scratch) when N is a multiple of 4 and at least 16 (the blocked
 * register tiles are ~25 % faster than dot products), else as dot products (narrow N, e.g. one
 * input feature, would fall to gemmNN's scalar tail). `scratch` holds the copy for every step.
 */
function wideTransposed(N: i32): bool {
  return N >= 16 && (N & 3) == 0;
}

/** Copy `rows` rows of `n` floats between strided matrices (gathers one direction's outputs). */
export function copyRows(rows: i32, n: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  const bytes = (<usize>n) << 2;
  for (let r = 0; r < rows; r++) memory.copy(at(dst, r * ldd), at(src, r * lds), bytes);
}

/** The time index of processing step p, and of the step before it. */
function timeOf(p: i32, T: i32, reverse: i32): i32 {
  return reverse ? T - 1 - p : p;
}

function prevTimeOf(p: i32, T: i32, reverse: i32): i32 {
  return reverse ? T - p : p - 1;
}

/**
 * LSTM forward over a whole sequence. Out: A [B·T, 4u] gate activations (i, f, c̃, o),
 * HS [B·T, u] hidden states, CS [B·T, u] cell states, TC [B·T, u] tanh(cell state).
 */
export function lstmForward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  hard: i32,
  X: usize,
  W: usize,
  U: usize,
  bias: usize,
  A: usize,
  HS: usize,
  CS: usize,
  TC: usize,
): void {
  const G = 4 * u;
  gemmNN(Bn * T, G, F, X, F, W, G, A, G, 0);
  for (let p = 0; p < T; p++) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    if (p > 0) gemmNN(Bn, G, u, at(HS, tp * u), T * u, U, G, at(A, t * G), T * G, 1);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const cp = at(CS, (b * T + tp) * u);
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const aj = at(a, j);
        const bj = at(bias, j);
        const uo = (<usize>u) << 2;
        const ig = gatev(f32x4.add(ldv(aj, vec), ldv(bj, vec)), hard);
        const fg = gatev(f32x4.add(ldv(aj + uo, vec), ldv(bj + uo, vec)), hard);
        const cg = tanhv(f32x4.add(ldv(aj + 2 * uo, vec), ldv(bj + 2 * uo, vec)));
        const og = gatev(f32x4.add(ldv(aj + 3 * uo, vec), ldv(bj + 3 * uo, vec)), hard);
        let c = f32x4.mul(ig, cg);
        if (p > 0) c = f32x4.add(c, f32x4.mul(fg, ldv(at(cp, j), vec)));
        const tc = tanhv(c);
        stv(aj, ig, vec);
        stv(aj + uo, fg, vec);
        stv(aj + 2 * uo, cg, vec);
        stv(aj + 3 * uo, og, vec);
        const o = at(CS, row * u + j) - CS;
        stv(CS + o, c, vec);
        stv(TC + o, tc, vec);
        stv(HS + o, f32x4.mul(og, tc), vec);
        j += vec ? 4 : 1;
      }
    }
  }
}

/**
 * LSTM backward (BPTT) over the sequence lstmForward saw. dY holds this direction's output
 * gradient: with `seq`, rows (b, t) of stride ldy; otherwise the last state's, rows b of stride
 * ldy. Scratch: dZ [B·T, 4u], dh and dc [B, u]. Out: dW, dU, db (overwritten) and dX [B·T, F]
 * (added to when accumulateDX, for the second direction of a Bidirectional layer).
 */
export function lstmBackward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  hard: i32,
  seq: i32,
  X: usize,
  W: usize,
  U: usize,
  A: usize,
  HS: usize,
  CS: usize,
  TC: usize,
  dY: usize,
  ldy: i32,
  dZ: usize,
  dh: usize,
  dc: usize,
  dX: usize,
  accumulateDX: i32,
  dW: usize,
  dU: usize,
  db: usize,
  scratchT: usize,
): void {
  const G = 4 * u;
  const wide = wideTransposed(u);
  if (wide) transpose(u, G, U, scratchT);
  memory.fill(dh, 0, (<usize>(Bn * u)) << 2);
  memory.fill(dc, 0, (<usize>(Bn * u)) << 2);
  memory.fill(dU, 0, (<usize>(u * G)) << 2);
  for (let p = T - 1; p >= 0; p--) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const z = at(dZ, row * G);
      const cp = at(CS, (b * T + tp) * u);
      const y = seq ? at(dY, row * ldy) : at(dY, b * ldy);
      const withY = seq || p == T - 1;
      const uo = (<usize>u) << 2;
      const one = f32x4.splat(1);
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const k = at(dh, b * u + j) - dh;
        let dhv = ldv(dh + k, vec);
        if (withY) dhv = f32x4.add(dhv, ldv(at(y, j), vec));
        const aj = at(a, j);
        const zj = at(z, j);
        const ig = ldv(aj, vec);
        const fg = ldv(aj + uo, vec);
        const cg = ldv(aj + 2 * uo, vec);
        const og = ldv(aj + 3 * uo, vec);
        const tc = ldv(at(TC, row * u + j), vec);
        const dcv = f32x4.add(
          ldv(dc + k, vec),
          f32x4.mul(f32x4.mul(dhv, og), f32x4.sub(one, f32x4.mul(tc, tc))),
        );
        const cpv = p > 0 ? ldv(at(cp, j), vec) : f32x4.splat(0);
        stv(zj, f32x4.mul(f32x4.mul(dcv, cg), gateGradv(ig, hard)), vec);
        stv(zj + uo, f32x4.mul(f32x4.mul(dcv, cpv), gateGradv(fg, hard)), vec);
        stv(zj + 2 * uo, f32x4.mul(f32x4.mul(dcv, ig), f32x4.sub(one, f32x4.mul(cg, cg))), vec);
        stv(zj + 3 * uo, f32x4.mul(f32x4.mul(dhv, tc), gateGradv(og, hard)), vec);
        stv(dc + k, f32x4.mul(dcv, fg), vec);
        j += vec ? 4 : 1;
      }
    }
    if (p > 0) {
      if (wide) gemmNN(Bn, u, G, at(dZ, t * G), T * G, scratchT, u, dh, u, 0);
      else gemmNT(Bn, u, G, at(dZ, t * G), T * G, U, G, dh, u, 0);
      gemmTN(u, G, Bn, at(HS, tp * u), T * u, at(dZ, t * G), T * G, dU, G, 1);
    }
  }
  inputGrads(Bn * T, F, G, X, W, dZ, dX, accumulateDX, dW, db, scratchT);
}

/** The parts every cell shares: dW = Xᵀ·dZ, db = Σ rows of dZ, dX (+)= dZ·Wᵀ. */
function inputGrads(
  rows: i32,
  F: i32,
  G: i32,
  X: usize,
  W: usize,
  dZ: usize,
  dX: usize,
  accumulateDX: i32,
  dW: usize,
  db: usize,
  scratchT: usize,
): void {
  gemmTN(F, G, rows, X, F, dZ, G, dW, G, 0);
  memory.fill(db, 0, (<usize>G) << 2);
  for (let r = 0; r < rows; r++) {
    const z = at(dZ, r * G);
    let j = 0;
    for (; j + 4 <= G; j += 4) {
      v128.store(at(db, j), f32x4.add(v128.load(at(db, j)), v128.load(at(z, j))));
    }
    for (; j < G; j++) st(db, j, ld(db, j) + ld(z, j));
  }
  if (wideTransposed(F)) {
    transpose(F, G, W, scratchT);
    gemmNN(rows, F, G, dZ, G, scratchT, F, dX, F, accumulateDX);
  } else {
    gemmNT(rows, F, G, dZ, G, W, G, dX, F, accumulateDX);
  }
}

/**
 * GRU forward, TF.js's formulation (tfjs-layers GRUCell.call, reset gate applied before the
 * recurrent product): z = σ(x·Wz + bz + h·Uz), r = σ(x·Wr + br + h·Ur),
 * ĥ = tanh(x·Wh + bh + (r ⊙ h)·Uh), h' = z ⊙ h + (1 − z) ⊙ ĥ.
 * Out: A [B·T, 3u] activations (z, r, ĥ), HS [B·T, u], RH [B·T, u] = r ⊙ h_prev.
 * Scratch: MI [B, 2u], MH [B, u].
 */
export function gruForward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  hard: i32,
  X: usize,
  W: usize,
  U: usize,
  bias: usize,
  A: usize,
  HS: usize,
  RH: usize,
  MI: usize,
  MH: usize,
): void {
  const G = 3 * u;
  gemmNN(Bn * T, G, F, X, F, W, G, A, G, 0);
  for (let p = 0; p < T; p++) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    if (p > 0) gemmNN(Bn, 2 * u, u, at(HS, tp * u), T * u, U, G, MI, 2 * u, 0);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const m = at(MI, b * 2 * u);
      const hp = at(HS, (b * T + tp) * u);
      const uo = (<usize>u) << 2;
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const aj = at(a, j);
        const bj = at(bias, j);
        let xz = f32x4.add(ldv(aj, vec), ldv(bj, vec));
        let xr = f32x4.add(ldv(aj + uo, vec), ldv(bj + uo, vec));
        if (p > 0) {
          xz = f32x4.add(xz, ldv(at(m, j), vec));
          xr = f32x4.add(xr, ldv(at(m, u + j), vec));
        }
        const zg = gatev(xz, hard);
        const rg = gatev(xr, hard);
        stv(aj, zg, vec);
        stv(aj + uo, rg, vec);
        stv(at(RH, row * u + j), p > 0 ? f32x4.mul(rg, ldv(at(hp, j), vec)) : f32x4.splat(0), vec);
        j += vec ? 4 : 1;
      }
    }
    if (p > 0) gemmNN(Bn, u, u, at(RH, t * u), T * u, at(U, 2 * u), G, MH, u, 0);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const hp = at(HS, (b * T + tp) * u);
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        let xh = f32x4.add(ldv(at(a, 2 * u + j), vec), ldv(at(bias, 2 * u + j), vec));
        if (p > 0) xh = f32x4.add(xh, ldv(at(MH, b * u + j), vec));
        const hh = tanhv(xh);
        const zg = ldv(at(a, j), vec);
        stv(at(a, 2 * u + j), hh, vec);
        let h = f32x4.mul(f32x4.sub(f32x4.splat(1), zg), hh);
        if (p > 0) h = f32x4.add(h, f32x4.mul(zg, ldv(at(hp, j), vec)));
        stv(at(HS, row * u + j), h, vec);
        j += vec ? 4 : 1;
      }
    }
  }
}

/** GRU backward; arguments as lstmBackward, with RH from gruForward and scratch dRH [B, u]. */
export function gruBackward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  hard: i32,
  seq: i32,
  X: usize,
  W: usize,
  U: usize,
  A: usize,
  HS: usize,
  RH: usize,
  dY: usize,
  ldy: i32,
  dZ: usize,
  dh: usize,
  dRH: usize,
  dX: usize,
  accumulateDX: i32,
  dW: usize,
  dU: usize,
  db: usize,
  scratchT: usize,
): void {
  const G = 3 * u;
  const wide = wideTransposed(u);
  if (wide) transpose(u, G, U, scratchT);
  memory.fill(dh, 0, (<usize>(Bn * u)) << 2);
  memory.fill(dU, 0, (<usize>(u * G)) << 2);
  for (let p = T - 1; p >= 0; p--) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const z = at(dZ, row * G);
      const hp = at(HS, (b * T + tp) * u);
      const y = seq ? at(dY, row * ldy) : at(dY, b * ldy);
      const withY = seq || p == T - 1;
      const one = f32x4.splat(1);
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const k = at(dh, b * u + j);
        let dhv = ldv(k, vec);
        if (withY) dhv = f32x4.add(dhv, ldv(at(y, j), vec));
        const zg = ldv(at(a, j), vec);
        const hh = ldv(at(a, 2 * u + j), vec);
        const hpv = p > 0 ? ldv(at(hp, j), vec) : f32x4.splat(0);
        stv(at(z, j), f32x4.mul(f32x4.mul(dhv, f32x4.sub(hpv, hh)), gateGradv(zg, hard)), vec);
        stv(at(z, u + j), f32x4.splat(0), vec);
        const dzh = f32x4.mul(
          f32x4.mul(dhv, f32x4.sub(one, zg)),
          f32x4.sub(one, f32x4.mul(hh, hh)),
        );
        stv(at(z, 2 * u + j), dzh, vec);
        // The direct path h_prev → h'; the paths through r and the gates are added below.
        stv(k, f32x4.mul(dhv, zg), vec);
        j += vec ? 4 : 1;
      }
    }
    if (p == 0) continue;
    // dRH = dZh · U_hᵀ; with Uᵀ [G × u] in scratchT, U_hᵀ is its rows 2u … 3u.
    if (wide) gemmNN(Bn, u, u, at(dZ, t * G + 2 * u), T * G, at(scratchT, 2 * u * u), u, dRH, u, 0);
    else gemmNT(Bn, u, u, at(dZ, t * G + 2 * u), T * G, at(U, 2 * u), G, dRH, u, 0);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const a = at(A, row * G);
      const z = at(dZ, row * G);
      const hp = at(HS, (b * T + tp) * u);
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const k = (<usize>(b * u + j)) << 2;
        const rg = ldv(at(a, u + j), vec);
        const drh = ldv(dRH + k, vec);
        stv(at(z, u + j), f32x4.mul(f32x4.mul(drh, ldv(at(hp, j), vec)), gateGradv(rg, hard)), vec);
        stv(dh + k, f32x4.add(ldv(dh + k, vec), f32x4.mul(drh, rg)), vec);
        j += vec ? 4 : 1;
      }
    }
    if (wide) gemmNN(Bn, u, 2 * u, at(dZ, t * G), T * G, scratchT, u, dh, u, 1);
    else gemmNT(Bn, u, 2 * u, at(dZ, t * G), T * G, U, G, dh, u, 1);
    gemmTN(u, 2 * u, Bn, at(HS, tp * u), T * u, at(dZ, t * G), T * G, dU, G, 1);
    gemmTN(u, u, Bn, at(RH, t * u), T * u, at(dZ, t * G + 2 * u), T * G, at(dU, 2 * u), G, 1);
  }
  inputGrads(Bn * T, F, G, X, W, dZ, dX, accumulateDX, dW, db, scratchT);
}

/** SimpleRNN forward: h' = tanh(x·W + b + h·U). Out: HS [B·T, u]; A [B·T, u] is scratch. */
export function simpleForward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  X: usize,
  W: usize,
  U: usize,
  bias: usize,
  A: usize,
  HS: usize,
): void {
  gemmNN(Bn * T, u, F, X, F, W, u, A, u, 0);
  for (let p = 0; p < T; p++) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    if (p > 0) gemmNN(Bn, u, u, at(HS, tp * u), T * u, U, u, at(A, t * u), T * u, 1);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        const o = (<usize>(row * u + j)) << 2;
        stv(HS + o, tanhv(f32x4.add(ldv(A + o, vec), ldv(at(bias, j), vec))), vec);
        j += vec ? 4 : 1;
      }
    }
  }
}

/** SimpleRNN backward; arguments as lstmBackward. */
export function simpleBackward(
  Bn: i32,
  T: i32,
  F: i32,
  u: i32,
  reverse: i32,
  seq: i32,
  X: usize,
  W: usize,
  U: usize,
  HS: usize,
  dY: usize,
  ldy: i32,
  dZ: usize,
  dh: usize,
  dX: usize,
  accumulateDX: i32,
  dW: usize,
  dU: usize,
  db: usize,
  scratchT: usize,
): void {
  const wide = wideTransposed(u);
  if (wide) transpose(u, u, U, scratchT);
  memory.fill(dh, 0, (<usize>(Bn * u)) << 2);
  memory.fill(dU, 0, (<usize>(u * u)) << 2);
  for (let p = T - 1; p >= 0; p--) {
    const t = timeOf(p, T, reverse);
    const tp = prevTimeOf(p, T, reverse);
    for (let b = 0; b < Bn; b++) {
      const row = b * T + t;
      const y = seq ? at(dY, row * ldy) : at(dY, b * ldy);
      const withY = seq || p == T - 1;
      for (let j = 0; j < u;) {
        const vec = j + 4 <= u;
        let dhv = ldv(at(dh, b * u + j), vec);
        if (withY) dhv = f32x4.add(dhv, ldv(at(y, j), vec));
        const o = (<usize>(row * u + j)) << 2;
        const h = ldv(HS + o, vec);
        stv(dZ + o, f32x4.mul(dhv, f32x4.sub(f32x4.splat(1), f32x4.mul(h, h))), vec);
        j += vec ? 4 : 1;
      }
    }
    if (p > 0) {
      if (wide) gemmNN(Bn, u, u, at(dZ, t * u), T * u, scratchT, u, dh, u, 0);
      else gemmNT(Bn, u, u, at(dZ, t * u), T * u, U, u, dh, u, 0);
      gemmTN(u, u, Bn, at(HS, tp * u), T * u, at(dZ, t * u), T * u, dU, u, 1);
    }
  }
  inputGrads(Bn * T, F, u, X, W, dZ, dX, accumulateDX, dW, db, scratchT);
}
