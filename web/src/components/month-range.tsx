import { addMonths } from '@gongfang/shared/clock'

const selectStyle = { height: 32, padding: '0 8px', border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff', fontSize: 14, color: 'rgba(0,0,0,0.88)' }

/**
 * A from–to month choice as two native selects. The public page opened this instead of antd's month RangePicker,
 * whose picker, dayjs and their locales were ≈ 50 KB of script on a page visitors open on phones; a native select
 * also brings the phone's own wheel. Months run from `first` to `last` (YYYY-MM); `from` never exceeds `to`.
 */
export function MonthRange({ from, to, first, last, fromLabel, toLabel, onChange }: { from: string; to: string; first: string; last: string; fromLabel: string; toLabel: string; onChange: (from: string, to: string) => void }) {
  const months: string[] = []
  for (let m = last; m >= first && months.length < 240; m = addMonths(m, -1)) months.push(m)
  // A month from the address outside the list still shows as chosen.
  for (const m of [from, to]) if (!months.includes(m)) months.push(m)
  months.sort().reverse()
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <select aria-label={fromLabel} value={from} style={selectStyle} onChange={(e) => onChange(e.target.value, e.target.value > to ? e.target.value : to)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <span aria-hidden>–</span>
      <select aria-label={toLabel} value={to} style={selectStyle} onChange={(e) => onChange(e.target.value < from ? e.target.value : from, e.target.value)}>
        {months.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </span>
  )
}
