// The Gaussian blur SSIMULACRA2 computes its local means and variances with: libjxl's recursive
// filter ("Recursive Implementation of the Gaussian Filter Using Truncated Cosine Functions",
// Charalampidis 2016), three second-order sections, zero outside the image, a cost that does not
// grow with sigma. One causal pass along the rows, one down the columns, as libjxl does.

interface Recursive {
  radius: number;
  /** Per section k = 1, 3, 5: the input weight and the feedback weight. */
  n2: [number, number, number];
  d1: [number, number, number];
}

function invert3x3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    (e * i - f * h) / det,
    (c * h - b * i) / det,
    (b * f - c * e) / det,
    (f * g - d * i) / det,
    (a * i - c * g) / det,
    (c * d - a * f) / det,
    (d * h - e * g) / det,
    (b * g - a * h) / det,
    (a * e - b * d) / det,
  ];
}

/** The filter's coefficients for one sigma; the equation numbers are the paper's. */
function recursiveGaussian(sigma: number): Recursive {
  const radius = Math.round(3.2795 * sigma + 0.2546); // (57)
  const omega = [1, 3, 5].map((k) => (k * Math.PI) / (2 * radius));
  const [w1, w3, w5] = omega as [number, number, number];
  const p1 = 1 / Math.tan(0.5 * w1); // (37)
  const p3 = -1 / Math.tan(0.5 * w3);
  const p5 = 1 / Math.tan(0.5 * w5);
  const r1 = (p1 * p1) / Math.sin(w1); // (44)
  const r3 = (-p3 * p3) / Math.sin(w3);
  const r5 = (p5 * p5) / Math.sin(w5);
  const rho = omega.map((w) => Math.exp(-0.5 * sigma * sigma * w * w) / radius); // (50)
  const d13 = p1 * r3 - r1 * p3; // (52)
  const zeta15 = (p3 * r5 - r3 * p5) / d13;
  const zeta35 = (p5 * r1 - r5 * p1) / d13;
  const inv = invert3x3([p1, p3, p5, r1, r3, r5, zeta15, zeta35, 1]); // (56)
  const gamma = [1, radius * radius - sigma * sigma, zeta15 * rho[0]! + zeta35 * rho[1]! + rho[2]!]; // (55)
  const beta = [0, 1, 2].map(
    (row) => inv[3 * row]! * gamma[0]! + inv[3 * row + 1]! * gamma[1]! + inv[3 * row + 2]! * gamma[2]!,
  ); // (53)
  // libjxl keeps the coefficients as 32-bit floats; so do we, so both filters are the same filter.
  const f32 = Math.fround;
  const n2 = omega.map((w, k) => f32(-beta[k]! * Math.cos(w * (radius + 1)))) as Recursive['n2']; // (33)
  const d1 = omega.map((w) => f32(-2 * Math.cos(w))) as Recursive['d1'];
  return { radius, n2, d1 };
}

const SSIMULACRA2_SIGMA = 1.5;
const FILTER = recursiveGaussian(SSIMULACRA2_SIGMA);

/** Buffers one blur needs, reused from blur to blur (an image's blurs are all the same size). */
export class BlurScratch {
  readonly rows: Float32Array;
  readonly padded: Float32Array;
  readonly sums: Float64Array;
  readonly state: Float64Array[];
  constructor(width: number, height: number) {
    this.rows = new Float32Array(width * height);
    // A row with 2N zeros on each side, so the filter reads past the edges as zero.
    this.padded = new Float32Array(width + 4 * FILTER.radius);
    this.sums = new Float64Array(width);
    this.state = Array.from({ length: 6 }, () => new Float64Array(width));
  }
}

/**
 * Blurs `a` (or the product a·b, when `b` is given: the variances need blurred products) into
 * `out`. Rows first, out[n] = Σk yk[n], yk[n] = n2k·(in[n−N−1] + in[n+N−1]) − d1k·yk[n−1] − yk[n−2];
 * then the same recursion down the columns, a whole row of columns at a time (cache-friendly).
 */
export function blur(
  a: Float32Array,
  b: Float32Array | null,
  width: number,
  height: number,
  out: Float32Array,
  scratch: BlurScratch,
): void {
  const { radius: N } = FILTER;
  const [n1, n3, n5] = FILTER.n2;
  const [d1, d3, d5] = FILTER.d1;
  const { rows, padded } = scratch;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (b) for (let x = 0, p = 2 * N; x < width; x++, p++) padded[p] = a[row + x]! * b[row + x]!;
    else padded.set(a.subarray(row, row + width), 2 * N);
    let p1 = 0;
    let p3 = 0;
    let p5 = 0;
    let q1 = 0;
    let q3 = 0;
    let q5 = 0;
    // padded[n + 2N] is in[n]: in[n − N − 1] is padded[n + N − 1], in[n + N − 1] is padded[n + 3N − 1].
    for (let n = -N + 1, l = 0, r = 2 * N; n < width; n++, l++, r++) {
      const sum = padded[l]! + padded[r]!;
      const o1 = n1 * sum - d1 * p1 - q1;
      const o3 = n3 * sum - d3 * p3 - q3;
      const o5 = n5 * sum - d5 * p5 - q5;
      q1 = p1;
      q3 = p3;
      q5 = p5;
      p1 = o1;
      p3 = o3;
      p5 = o5;
      if (n >= 0) rows[row + n] = o1 + o3 + o5;
    }
  }
  const { sums } = scratch;
  const [pa1, pa3, pa5, pb1, pb3, pb5] = scratch.state as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (const s of scratch.state) s.fill(0);
  for (let n = -N + 1; n < height; n++) {
    const top = n - N - 1;
    const bottom = n + N - 1;
    if (top >= 0 && bottom < height) {
      for (let x = 0, t = top * width, u = bottom * width; x < width; x++) sums[x] = rows[t + x]! + rows[u + x]!;
    } else if (top >= 0) {
      for (let x = 0, t = top * width; x < width; x++) sums[x] = rows[t + x]!;
    } else if (bottom < height) {
      for (let x = 0, u = bottom * width; x < width; x++) sums[x] = rows[u + x]!;
    } else {
      sums.fill(0);
    }
    const outRow = n * width;
    for (let x = 0; x < width; x++) {
      const sum = sums[x]!;
      const o1 = n1 * sum - d1 * pa1[x]! - pb1[x]!;
      const o3 = n3 * sum - d3 * pa3[x]! - pb3[x]!;
      const o5 = n5 * sum - d5 * pa5[x]! - pb5[x]!;
      pb1[x] = pa1[x]!;
      pb3[x] = pa3[x]!;
      pb5[x] = pa5[x]!;
      pa1[x] = o1;
      pa3[x] = o3;
      pa5[x] = o5;
      if (n >= 0) out[outRow + x] = o1 + o3 + o5;
    }
  }
}
