import { DatePicker } from 'antd'
import dayjs from 'dayjs'
import type { CSSProperties } from 'react'

/**
 * antd's DatePicker (month picker with picker="month") on plain strings — 'YYYY-MM-DD' or 'YYYY-MM', as the API
 * speaks — so it drops into Form.Item and controlled state where a native date input used to be. Its language
 * follows ConfigProvider (zh_CN), unlike native inputs, which follow the browser.
 */
export function DateInput({
  value,
  onChange,
  picker = 'date',
  max,
  min,
  allowClear = false,
  ...rest
}: {
  value?: string | null
  onChange?: (value: string | undefined) => void
  picker?: 'date' | 'month'
  /** Latest allowed value, same format as value. */
  max?: string
  min?: string
  allowClear?: boolean
  id?: string
  size?: 'small' | 'middle' | 'large'
  style?: CSSProperties
  'aria-label'?: string
  placeholder?: string
}) {
  const format = picker === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'
  return (
    <DatePicker
      {...rest}
      picker={picker}
      format={format}
      allowClear={allowClear}
      value={value ? dayjs(value, format) : null}
      onChange={(d) => onChange?.(d ? d.format(format) : undefined)}
      disabledDate={
        max || min ? (d) => (!!max && d.format(format) > max) || (!!min && d.format(format) < min) : undefined
      }
      style={{ width: '100%', ...rest.style }}
    />
  )
}
