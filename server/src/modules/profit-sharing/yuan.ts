/** Integer fen as a yuan string with two decimals ('1234.56', '-0.05'), through BigInt: never a float. */
export function fenToYuan(fen: number | bigint): string {
  const n = BigInt(fen)
  const neg = n < 0n
  const digits = (neg ? -n : n).toString().padStart(3, '0')
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
}
