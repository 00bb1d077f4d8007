import { Link } from 'react-router'
import { Col, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { COMMON_SKILLS, WORKSHOP_STATUSES, WORKSHOP_STATUS_LABELS, WORKSHOP_TYPES, WORKSHOP_TYPE_LABELS, type Workshop } from '@gongfang/shared/registry'
import { api, ok, type BodyOf } from '../../api/client'
import { useCodeLabels } from '../../components/code-labels'
import { RegionPicker } from '../../components/region-picker'
import { NewRecordDrawer, type NewRecordProps, RegisterLayout, RegisterTable, useRegisterList } from './registry-parts'

export const STATUS_COLOR = { planned: 'default', operating: 'green', suspended: 'orange', closed: 'red' } as const

export function useRegistryLabels() {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const codes = useCodeLabels()
  return {
    type: (t: string) => (en ? WORKSHOP_TYPE_LABELS[t as keyof typeof WORKSHOP_TYPE_LABELS]?.en : WORKSHOP_TYPE_LABELS[t as keyof typeof WORKSHOP_TYPE_LABELS]?.zh) ?? t,
    status: (s: string) => (en ? WORKSHOP_STATUS_LABELS[s as keyof typeof WORKSHOP_STATUS_LABELS]?.en : WORKSHOP_STATUS_LABELS[s as keyof typeof WORKSHOP_STATUS_LABELS]?.zh) ?? s,
    skill: codes.skill,
  }
}

export function skillOptions(label: (s: string) => string) {
  return COMMON_SKILLS.map((s) => ({ value: s, label: label(s) }))
}

function NewWorkshop(props: NewRecordProps) {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  return (
    <NewRecordDrawer
      {...props}
      title={t('workshop.newTitle')}
      save={(v) => api.POST('/workshops', { body: v as BodyOf<'/workshops'> }).then(ok)}
      initialValues={{ type: 'processing', dailyCapacity: 0, workerPlaces: 0, skills: [] }}
    >
        <Form.Item name="name" label={t('workshop.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="type" label={t('workshop.type')} rules={[{ required: true }]}>
          <Select options={WORKSHOP_TYPES.map((v) => ({ value: v, label: L.type(v) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('workshop.village')} rules={[{ required: true }, { pattern: /^\d{12}$/, message: '请选择到村一级 / pick a village' }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="address" label={t('workshop.address')}><Input /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="dailyCapacity" label={t('workshop.capacity')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="workerPlaces" label={t('workshop.places')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="skills" label={t('workshop.skills')}><Select mode="tags" options={skillOptions(L.skill)} /></Form.Item>
    </NewRecordDrawer>
  )
}

export default function WorkshopsPage() {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const { set, list, layout, drawer, ...reg } = useRegisterList('workshops')

  return (
    <RegisterLayout
      {...layout}
      title={t('workshop.title')}
      filters={<>
        <Select allowClear placeholder={t('workshop.type')} style={{ width: 150 }} options={WORKSHOP_TYPES.map((v) => ({ value: v, label: L.type(v) }))} onChange={(v) => set('type', v)} />
        <Select allowClear placeholder={t('workshop.status')} style={{ width: 120 }} options={WORKSHOP_STATUSES.map((v) => ({ value: v, label: L.status(v) }))} onChange={(v) => set('status', v)} />
        <Select allowClear placeholder={t('workshop.skills')} style={{ width: 120 }} options={skillOptions(L.skill)} onChange={(v) => set('skill', v)} />
      </>}
    >
      <RegisterTable<Workshop>
        register={{ list, ...reg }}
        card={(w) => ({
          href: `/workshops/${w.id}`,
          description: <Space wrap size={4}><Tag>{L.type(w.type)}</Tag><Tag color={STATUS_COLOR[w.status]}>{L.status(w.status)}</Tag>{w.regionName}</Space>,
        })}
        columns={[
            { title: t('workshop.name'), dataIndex: 'name', sorter: true, render: (v, w) => <Link to={`/workshops/${w.id}`}>{v}</Link> },
            { title: t('workshop.type'), dataIndex: 'type', render: (v) => L.type(v) },
            { title: t('workshop.village'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
            { title: t('workshop.status'), dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v as keyof typeof STATUS_COLOR]}>{L.status(v)}</Tag> },
            { title: t('workshop.capacity'), dataIndex: 'dailyCapacity', sorter: true, align: 'right' },
            { title: t('workshop.members'), dataIndex: 'memberCount', align: 'right' },
            { title: t('workshop.openedOn'), dataIndex: 'openedOn', sorter: true },
        ]}
      />
      <NewWorkshop {...drawer} />
    </RegisterLayout>
  )
}
