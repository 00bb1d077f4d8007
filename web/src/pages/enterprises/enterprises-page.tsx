import { useState } from 'react'
import { Button, Form, Input, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { isValidCreditCode } from '@gongfang/shared'
import type { Enterprise } from '@gongfang/shared/registry'
import { api, ok, type BodyOf } from '../../api/client'
import { RegionPicker } from '../../components/region-picker'
import { HistoryDrawer, NewRecordDrawer, type NewRecordProps, RegisterLayout, RegisterTable, useRegisterList } from '../workshops/registry-parts'

function NewEnterprise(props: NewRecordProps) {
  const { t } = useTranslation('registry')
  return (
    <NewRecordDrawer
      {...props}
      title={t('enterprise.newTitle')}
      save={(v) => api.POST('/enterprises', { body: { ...v, contactPhone: v.contactPhone || null } as BodyOf<'/enterprises'> }).then(ok)}
    >
        <Form.Item name="name" label={t('enterprise.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item
          name="creditCode"
          label={t('enterprise.creditCode')}
          validateFirst
          rules={[{ required: true }, { validator: (_r, v: string) => (!v || isValidCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('enterprise.invalidCode')))) }]}
        >
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('enterprise.region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
        <Form.Item name="contactName" label={t('enterprise.contact')}><Input /></Form.Item>
        <Form.Item name="contactPhone" label={t('enterprise.phone')}><Input inputMode="tel" /></Form.Item>
        <Form.Item name="industry" label={t('enterprise.industry')}><Input /></Form.Item>
    </NewRecordDrawer>
  )
}

export default function EnterprisesPage() {
  const { t } = useTranslation('registry')
  const { layout, drawer, ...reg } = useRegisterList('enterprises')
  const [history, setHistory] = useState<Enterprise | null>(null)
  return (
    <RegisterLayout
      {...layout}
      title={t('enterprise.title')}
      searchWidth={220}
    >
      <RegisterTable<Enterprise>
        register={reg}
        scroll={{ x: true }}
        columns={[
          { title: t('enterprise.name'), dataIndex: 'name', sorter: true },
          { title: t('enterprise.creditCode'), dataIndex: 'creditCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('enterprise.region'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
          { title: t('enterprise.contact'), dataIndex: 'contactName' },
          { title: t('enterprise.phone'), dataIndex: 'contactPhone' },
          { title: t('enterprise.industry'), dataIndex: 'industry', sorter: true },
          { title: t('enterprise.workshops'), dataIndex: 'workshops', render: (ws: Enterprise['workshops']) => <Tag>{ws.length}</Tag> },
          { title: '', key: 'h', render: (_v, e) => <Button size="small" type="link" onClick={() => setHistory(e)}>{t('common.history')}</Button> },
        ]}
      />
      <NewEnterprise {...drawer} />
      <HistoryDrawer register="enterprises" record={history} onClose={() => setHistory(null)} />
    </RegisterLayout>
  )
}
