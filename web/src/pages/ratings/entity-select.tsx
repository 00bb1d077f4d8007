import { useState } from 'react'
import { Select } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { apiGet } from '../../api/client'
import type { Page } from '../../api/regions'

interface Item {
  id: string
  name: string
  regionName?: string | null
}

/** Remote search select over a list endpoint that takes `q` (workshops, workers); scope is the API's. */
function RemoteSelect({
  path,
  value,
  onChange,
  placeholder,
  id,
  extra,
}: {
  path: string
  value?: string
  onChange?: (v: string | undefined) => void
  placeholder?: string
  id?: string
  extra?: Record<string, string>
}) {
  const [q, setQ] = useState('')
  // The picked item keeps its label when the search is cleared and the list reloads without it.
  const [picked, setPicked] = useState<{ value: string; label: string }>()
  const list = useQuery({
    queryKey: [path, 'search', q, extra],
    queryFn: ({ signal }) => apiGet<Page<Item>>(path, { q: q || undefined, pageSize: 20, ...extra }, signal),
  })
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v, option) => {
        setPicked(v && option && !Array.isArray(option) ? { value: v, label: String(option.label) } : undefined)
        onChange?.(v)
      }}
      placeholder={placeholder}
      loading={list.isFetching}
      options={[
        ...(picked && picked.value === value && !list.data?.items.some((w) => w.id === picked.value) ? [picked] : []),
        ...(list.data?.items ?? []).map((w) => ({
          value: w.id,
          label: w.regionName ? `${w.name}（${w.regionName}）` : w.name,
        })),
      ]}
      style={{ width: '100%' }}
    />
  )
}

export const WorkshopSelect = (p: Omit<Parameters<typeof RemoteSelect>[0], 'path'>) => (
  <RemoteSelect path="/api/workshops" {...p} />
)
export const WorkerSelect = (p: Omit<Parameters<typeof RemoteSelect>[0], 'path'>) => (
  <RemoteSelect path="/api/workers" {...p} />
)
