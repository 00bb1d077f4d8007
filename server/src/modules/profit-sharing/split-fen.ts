/**
 * Largest-remainder split: whole fen that always sum to totalFen, proportional to the weights (shares).
 * Integers only (BigInt): money never passes through a float. Ties in the remainder go to the earlier
 * index (the caller orders members by household number, so the result is deterministic).
 */
export function splitFen(totalFen: bigint, weights: readonly bigint[]): bigint[] {
  if (totalFen < 0n) throw new RangeError('totalFen must be ≥ 0')
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must be ≥ 0')
  const sum = weights.reduce((a, w) => a + w, 0n)
  if (sum === 0n) return weights.map(() => 0n)
  const shares = weights.map((w) => (totalFen * w) / sum) // floor
  const rems = weights.map((w, i) => ({ i, r: (totalFen * w) % sum }))
  let left = totalFen - shares.reduce((a, s) => a + s, 0n)
  // left < number of positive weights, and only positive weights have a non-zero remainder.
  for (const { i } of rems.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))) {
    if (left <= 0n) break
    shares[i]! += 1n
    left -= 1n
  }
  return shares
}
