import { useEffect, useState } from 'react'
import { AutoComplete, Input, Tag } from 'antd'
import { SearchOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { api, ok } from '../api/client'

const KIND_COLOR = { workshop: 'red', worker: 'blue', enterprise: 'purple', order: 'gold' } as const

/** The header's search box: workshops, workers, enterprises and orders by name or code, within the user's scope. */
export function GlobalSearch({ width = 280, onPicked }: { width?: number | string; onPicked?: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const [term, setTerm] = useState('')
  useEffect(() => {
    const id = setTimeout(() => setTerm(text.trim()), 300)
    return () => clearTimeout(id)
  }, [text])
  const q = useQuery({ queryKey: ['search', term], queryFn: ({ signal }) => api.GET('/search', { params: { query: { q: term } }, signal }).then(ok), enabled: term.length > 0, staleTime: 10_000 })
  const options = (q.data ?? []).map((h) => ({
    value: h.path,
    label: (
      <span data-testid="search-hit">
        <Tag color={KIND_COLOR[h.kind]}>{t(`search.kinds.${h.kind}`)}</Tag>
        {h.title}
        {h.subtitle && <span style={{ color: '#888', marginInlineStart: 6 }}>{h.subtitle}</span>}
      </span>
    ),
  }))
  return (
    <AutoComplete
      style={{ width }}
      value={text}
      options={options}
      onChange={setText}
      onSelect={(path: string) => {
        setText('')
        onPicked?.()
        navigate(path)
      }}
      notFoundContent={term && !q.isFetching ? t('search.none') : undefined}
      popupMatchSelectWidth={320}
    >
      <Input allowClear prefix={<SearchOutlined />} placeholder={t('search.placeholder')} aria-label={t('search.placeholder')} data-testid="global-search" />
    </AutoComplete>
  )
}
