import { useState } from 'react'
import { App, Button, InputNumber, Space, Tag } from 'antd'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import { api, ok, useMe } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { useInvalidate } from './ratings-shared'

export function CriteriaTab() {
  const { t, i18n } = useTranslation('ratings')
  const { message } = App.useApp()
  const me = useMe().data
  const [county, setCounty] = useState<string | undefined>(
    me?.regionCode && me.regionCode.length >= 6 ? me.regionCode.slice(0, 6) : '331126',
  )
  const q = useQuery({
    queryKey: ['criteria', county],
    queryFn: () => api.GET('/rating-criteria/{county}', { params: { path: { county: county! } } }).then(ok),
    enabled: !!county && county.length === 6,
  })
  const [edits, setEdits] = useState<Record<string, { weight?: number; fullMark?: number | null }>>({})
  const invalidate = useInvalidate()
  const save = useMutation({
    mutationFn: () =>
      api.PUT('/rating-criteria/{county}', { params: { path: { county: county! } }, body: {
        criteria: q.data!.criteria.map((c) => ({
          key: c.key,
          weight: edits[c.key]?.weight ?? c.weight,
          fullMark: c.kind === 'computed' ? (edits[c.key]?.fullMark ?? c.fullMark) : undefined,
          labelZh: c.labelZh,
          labelEn: c.labelEn,
        })),
      } }).then(ok),
    onSuccess: () => {
      setEdits({})
      void message.success(t('saved'))
      void invalidate()
    },
  })
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('county')}</span>
        <RegionPicker
          value={county}
          onChange={(v) => {
            setCounty(v?.slice(0, 6))
            setEdits({})
          }}
          style={{ width: 220 }}
        />
        {q.data && <Tag>{q.data.configured ? t('configured') : t('defaults')}</Tag>}
        <Button
          type="primary"
          disabled={!q.data || Object.keys(edits).length === 0}
          loading={save.isPending}
          onClick={() => save.mutate()}
        >
          {t('common:actions.save')}
        </Button>
      </Space>
      <ProblemAlert error={q.error ?? save.error} />
      <ListTable
        rowKey="key"
        loading={q.isLoading}
        dataSource={q.data?.criteria}
        columns={[
          { title: t('criterion'), render: (_, c) => (i18n.language === 'en' ? c.labelEn : c.labelZh) },
          {
            title: t('kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag color={k === 'computed' ? 'blue' : 'gold'}>{t(k)}</Tag>,
          },
          {
            title: t('weight'),
            render: (_, c) => (
              <InputNumber
                aria-label={`${t('weight')} ${c.key}`}
                min={0}
                max={100}
                value={edits[c.key]?.weight ?? c.weight}
                onChange={(v) => setEdits((e) => ({ ...e, [c.key]: { ...e[c.key], weight: v ?? 0 } }))}
              />
            ),
          },
          {
            title: t('fullMark'),
            render: (_, c) =>
              c.kind === 'computed' ? (
                <Space size={4}>
                  <InputNumber
                    min={0}
                    value={edits[c.key]?.fullMark ?? c.fullMark ?? undefined}
                    onChange={(v) => setEdits((e) => ({ ...e, [c.key]: { ...e[c.key], fullMark: v } }))}
                  />
                  <span>{c.unit === 'fen' ? t('fenUnit') : t(`units.${c.unit}`)}</span>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Space>
  )
}

