import { useState } from 'react'
import { Button, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { isValidCreditCode } from '@gongfang/shared'
import { COLLECTIVE_KINDS, COLLECTIVE_KIND_LABELS, type Collective } from '@gongfang/shared/registry'
import { api, ok, type BodyOf } from '../../api/client'
import { RegionPicker } from '../../components/region-picker'
import { HistoryDrawer, NewRecordDrawer, RegisterLayout, RegisterTable, useRegisterList } from '../workshops/registry-parts'

export default function CollectivesPage() {
  const { t, i18n } = useTranslation('registry')
  const kindLabel = (k: string) => COLLECTIVE_KIND_LABELS[k as keyof typeof COLLECTIVE_KIND_LABELS]?.[i18n.language === 'en' ? 'en' : 'zh'] ?? k
  const { set, layout, drawer, ...reg } = useRegisterList('collectives')
  const [history, setHistory] = useState<Collective | null>(null)
  return (
    <RegisterLayout
      {...layout}
      title={t('collective.title')}
      searchWidth={220}
      filters={
        <Select allowClear placeholder={t('collective.kind')} style={{ width: 160 }} options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} onChange={(v) => set('kind', v)} />
      }
    >
      <RegisterTable<Collective>
        register={reg}
        scroll={{ x: true }}
        columns={[
          { title: t('collective.name'), dataIndex: 'name' },
          { title: t('collective.kind'), dataIndex: 'kind', render: kindLabel },
          { title: t('collective.region'), dataIndex: 'regionName' },
          { title: t('collective.creditCode'), dataIndex: 'creditCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
          { title: t('collective.workshops'), dataIndex: 'workshopCount', align: 'right' },
          { title: '', key: 'h', render: (_v, c) => <Button size="small" type="link" onClick={() => setHistory(c)}>{t('common.history')}</Button> },
        ]}
      />
      <NewRecordDrawer
        {...drawer}
        title={t('collective.newTitle')}
        size="default"
        cancel={false}
        save={(v) => api.POST('/collectives', { body: { ...v, creditCode: v.creditCode || null } as BodyOf<'/collectives'> }).then(ok)}
        initialValues={{ kind: 'collective' }}
      >
        <Form.Item name="name" label={t('collective.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="kind" label={t('collective.kind')} rules={[{ required: true }]}><Select options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} /></Form.Item>
        <Form.Item name="regionCode" label={t('collective.region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
        <Form.Item name="creditCode" label={t('collective.creditCode')} rules={[{ validator: (_r, v: string) => (!v || isValidCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('enterprise.invalidCode')))) }]}>
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </NewRecordDrawer>
      <HistoryDrawer register="collectives" record={history} onClose={() => setHistory(null)} />
    </RegisterLayout>
  )
}
