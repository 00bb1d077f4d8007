import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { InputNumber, Select, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type {  WorkerListItem } from '@gongfang/shared/registry'
import { api, ok, ApiError, type BodyOf } from '../../api/client'
import { NewRecordDrawer, type NewRecordProps, RegisterLayout, RegisterTable, useRegisterList } from '../workshops/registry-parts'
import { formatFen } from '../../components/money'
import { WorkerFields, workerBody } from '../workshops/roster'
import { skillOptions, useRegistryLabels } from '../workshops/workshops-page'

function NewWorker(props: NewRecordProps) {
  const { t } = useTranslation('registry')
  const navigate = useNavigate()
  const [existing, setExisting] = useState<string | null>(null)
  return (
    <NewRecordDrawer
      {...props}
      title={t('worker.newTitle')}
      save={(v) => api.POST('/workers', { body: workerBody(v) as BodyOf<'/workers'> }).then(ok)}
      onSaved={(w) => navigate(`/workers/${w.id}`)}
      onError={(e) => setExisting(e instanceof ApiError && e.status === 409 ? ((e.problem as unknown as { existingId?: string }).existingId ?? null) : null)}
      footer={existing && <Link to={`/workers/${existing}`} onClick={props.onClose}>{t('worker.openExisting')}</Link>}
    >
      <WorkerFields />
    </NewRecordDrawer>
  )
}

export default function WorkersPage() {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const { set, list, layout, drawer, ...reg } = useRegisterList('workers')
  const yn = [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]
  return (
    <RegisterLayout
      {...layout}
      title={t('worker.title')}
      filters={<>
        <Select allowClear placeholder={t('worker.lowIncome')} style={{ width: 120 }} options={yn} onChange={(v) => set('lowIncome', v)} />
        <Select allowClear placeholder={t('worker.disability')} style={{ width: 100 }} options={yn} onChange={(v) => set('disability', v)} />
        <Select allowClear placeholder={t('worker.skills')} style={{ width: 120 }} options={skillOptions(L.skill)} onChange={(v) => set('skill', v)} />
        <InputNumber placeholder={t('worker.minAge')} min={0} max={120} style={{ width: 120 }} onChange={(v) => set('minAge', v ?? undefined)} />
      </>}
    >
      <RegisterTable<WorkerListItem>
        register={{ list, ...reg }}
        card={(w) => ({
          href: `/workers/${w.id}`,
          description: <>{t(`sexes.${w.sex}`)} · {w.age} · {w.regionName} {w.lowIncome && <Tag color="gold">{t('worker.lowIncome')}</Tag>}</>,
        })}
        columns={[
            { title: t('worker.name'), dataIndex: 'name', sorter: true, render: (v, w) => <Link to={`/workers/${w.id}`}>{v}</Link> },
            { title: t('worker.idNumber'), dataIndex: 'idNumber', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: t('worker.sex'), dataIndex: 'sex', render: (v) => t(`sexes.${v}`) },
            { title: t('worker.age'), dataIndex: 'age', key: 'birthDate', sorter: true, align: 'right' },
            { title: t('worker.phone'), dataIndex: 'phone' },
            { title: t('worker.village'), dataIndex: 'regionName', key: 'regionCode', sorter: true },
            { title: t('worker.lowIncome'), dataIndex: 'lowIncome', render: (v) => (v ? <Tag color="gold">{t('common.yes')}</Tag> : null) },
            { title: t('worker.disabilityGrade'), dataIndex: 'disabilityGrade' },
            { title: t('worker.baseline'), dataIndex: 'baselineMonthlyIncomeFen', key: 'baselineMonthlyIncomeFen', sorter: true, align: 'right', render: (v) => formatFen(v) },
        ]}
      />
      <NewWorker {...drawer} />
    </RegisterLayout>
  )
}
