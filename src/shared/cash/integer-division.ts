/**
 * Integer division for money: exact for every safe integer, unlike Math.floor(a / b), whose float
 * quotient can round across an integer boundary for large operands. Runs everywhere.
 */

/** ⌊n / d⌋ for a safe integer n and a positive safe integer d. */
export function floorDiv(n: number, d: number): number {
  const remainder = n % d; // exact for integers, same sign as n
  const quotient = (n - remainder) / d; // exact: n - remainder is a multiple of d
  return remainder < 0 ? quotient - 1 : quotient;
}

/** n / d rounded to the nearest integer, halves towards +∞ (so −2.5 → −2, 2.5 → 3). */
export function roundHalfUpDiv(n: number, d: number): number {
  return floorDiv(2 * n + d, 2 * d);
}
