import { useState } from 'react'
import { Select } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { api, ok } from '../../api/client'

interface Item {
  id: string
  name: string
  regionName?: string | null
}

type Register = 'workshops' | 'workers'

function search(register: Register, query: { q?: string; pageSize: number; region?: string }, signal: AbortSignal): Promise<{ items: Item[] }> {
  return register === 'workshops'
    ? api.GET('/workshops', { params: { query }, signal }).then(ok)
    : api.GET('/workers', { params: { query }, signal }).then(ok)
}

/** Remote search select over a list endpoint that takes `q` (workshops, workers); scope is the API's. */
function RemoteSelect({
  register,
  value,
  onChange,
  placeholder,
  id,
  extra,
}: {
  register: Register
  value?: string
  onChange?: (v: string | undefined) => void
  placeholder?: string
  id?: string
  /** More filters of the list, e.g. a region to search within. */
  extra?: { region?: string }
}) {
  const [q, setQ] = useState('')
  // The picked item keeps its label when the search is cleared and the list reloads without it.
  const [picked, setPicked] = useState<{ value: string; label: string }>()
  const list = useQuery({
    queryKey: [register, 'search', q, extra],
    queryFn: ({ signal }) => search(register, { q: q || undefined, pageSize: 20, ...extra }, signal),
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

export const WorkshopSelect = (p: Omit<Parameters<typeof RemoteSelect>[0], 'register'>) => <RemoteSelect register="workshops" {...p} />
export const WorkerSelect = (p: Omit<Parameters<typeof RemoteSelect>[0], 'register'>) => <RemoteSelect register="workers" {...p} />
