import { useState } from 'react'
import { Link } from 'react-router'
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Switch, Tag, Typography } from 'antd'
import { UserAddOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { parseIdNumber } from '@gongfang/shared'
import type { Member } from '@gongfang/shared/registry'
import { api, ok, ApiError, type BodyOf } from '../../api/client'
import { ProblemAlert, applyFieldErrors } from '../../components/problem-alert'
import { RegionPicker } from '../../components/region-picker'
import { skillOptions, useRegistryLabels } from './workshops-page'
import { yuanToFen } from './registry-parts'

const today = () => dayjs().format('YYYY-MM-DD')

/** The ID number field: validated as typed, showing the birth date and sex it encodes. */
export function IdNumberField({ name = 'idNumber' }: { name?: string | (string | number)[] }) {
  const { t } = useTranslation('registry')
  return (
    <Form.Item
      name={name}
      label={t('worker.idNumber')}
      validateFirst
      rules={[
        { required: true },
        { validator: (_r, v: string) => (!v || parseIdNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('worker.invalidId')))) },
      ]}
      extra={
        <Form.Item noStyle shouldUpdate>
          {(f) => {
            const v = f.getFieldValue(name) as string | undefined
            const facts = v ? parseIdNumber(v) : null
            return facts ? t('worker.derived', { birth: facts.birthDate, sex: t(`sexes.${facts.sex}`) }) : null
          }}
        </Form.Item>
      }
    >
      <Input maxLength={18} inputMode="text" autoComplete="off" style={{ fontFamily: 'monospace' }} />
    </Form.Item>
  )
}

/** Worker fields shared by the staff form and the operator's roster form. */
export function WorkerFields({ defaultVillage }: { defaultVillage?: string }) {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  return (
    <>
      <Form.Item name="name" label={t('worker.name')} rules={[{ required: true, max: 50 }]}><Input autoComplete="off" /></Form.Item>
      <IdNumberField />
      <Form.Item name="phone" label={t('worker.phone')} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{9,11})$/, message: '手机号无效 / invalid phone' }]}><Input inputMode="tel" maxLength={12} /></Form.Item>
      <Form.Item name="regionCode" label={t('worker.village')} initialValue={defaultVillage} rules={[{ required: true }, { pattern: /^\d{12}$/, message: '请选择到村一级 / pick a village' }]}>
        <RegionPicker />
      </Form.Item>
      <Form.Item name="household" label={t('worker.household')}><Input /></Form.Item>
      <Form.Item name="skills" label={t('worker.skills')} initialValue={[]}><Select mode="tags" options={skillOptions(L.skill)} /></Form.Item>
      <Form.Item name="disabilityGrade" label={t('worker.disabilityGrade')}><Select allowClear options={[1, 2, 3, 4].map((g) => ({ value: g, label: `${g}` }))} /></Form.Item>
      <Form.Item name="lowIncomeSince" label={`${t('worker.lowIncome')} · ${t('worker.on')}`}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="baselineYuan" label={t('worker.baseline')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额无效 / invalid amount' }]}><Input inputMode="decimal" /></Form.Item>
      <Form.Item name="baselineSource" label={t('worker.baselineSource')}><Input /></Form.Item>
    </>
  )
}

/** Form values → the API's WorkerCreate. */
export function workerBody(v: Record<string, unknown>) {
  const { baselineYuan, lowIncomeSince, disabilityGrade, phone, ...rest } = v
  return {
    ...rest,
    phone: phone || null,
    disabilityGrade: disabilityGrade ?? null,
    lowIncomeSince: lowIncomeSince ? dayjs(lowIncomeSince as string).format('YYYY-MM-DD') : null,
    baselineMonthlyIncomeFen: yuanToFen(baselineYuan as string),
  }
}

function AddMember({ workshopId, village, open, onClose }: { workshopId: string; village?: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('registry')
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const m = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const { startOn, ...w } = v
      return api.POST('/workshops/{id}/members', { params: { path: { id: workshopId } }, body: { startOn: dayjs(startOn as string).format('YYYY-MM-DD'), worker: workerBody(w) as BodyOf<'/workers'> } }).then(ok)
    },
    onSuccess: () => {
      message.success(t('common.created'))
      void qc.invalidateQueries({ queryKey: ['roster', workshopId] })
      form.resetFields()
      onClose()
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors.filter((f) => f.path.startsWith('worker.')).map((f) => ({ name: f.path.replace(/^worker\./, '').split('.'), errors: [f.message] })))
      applyFieldErrors(form, e)
    },
  })
  return (
    <Modal open={open} onCancel={onClose} title={t('roster.add')} footer={null} destroyOnHidden width={520}>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ startOn: dayjs() }}>
        <WorkerFields defaultVillage={village} />
        <Form.Item name="startOn" label={t('roster.startOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <ProblemAlert error={m.error} />
        <Button type="primary" htmlType="submit" block size="large" loading={m.isPending} style={{ marginTop: 12 }}>{t('common.save')}</Button>
      </Form>
    </Modal>
  )
}

/** A workshop's members as large cards (operators use phones). */
export function Roster({ workshopId, village, canEdit }: { workshopId: string; village?: string; canEdit: boolean }) {
  const { t } = useTranslation('registry')
  const L = useRegistryLabels()
  const [all, setAll] = useState(false)
  const [adding, setAdding] = useState(false)
  const qc = useQueryClient()
  const { modal } = App.useApp()
  const q = useQuery({ queryKey: ['roster', workshopId, all], queryFn: () => api.GET('/workshops/{id}/members', { params: { path: { id: workshopId }, query: { all: all ? 'true' : undefined } } }).then(ok) })
  const end = useMutation({
    mutationFn: (m: Member) => api.POST('/workshops/{id}/members/{memberId}/end', { params: { path: { id: workshopId, memberId: m.id } }, body: { endOn: today() } }).then(ok),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['roster', workshopId] }),
  })
  const current = q.data?.filter((m) => !m.endOn || m.endOn >= today()).length ?? 0
  return (
    <div>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong>{t('roster.count', { n: current })}</Typography.Text>
        <Space>
          <Switch checked={all} onChange={setAll} /> {t('roster.all')}
          {canEdit && <Button type="primary" icon={<UserAddOutlined />} size="large" onClick={() => setAdding(true)}>{t('roster.add')}</Button>}
        </Space>
      </Space>
      <ProblemAlert error={q.error ?? end.error} />
      {q.data && !q.data.length && <Empty description={t('roster.empty')} />}
      <List
        loading={q.isLoading}
        dataSource={q.data}
        renderItem={(m) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="member-card">
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <div>
                <Typography.Text strong style={{ fontSize: 17 }}><Link to={`/workers/${m.workerId}`}>{m.name}</Link></Typography.Text>{' '}
                <Typography.Text type="secondary">{t(`sexes.${m.sex}`)} · {m.age}</Typography.Text>
                <div style={{ fontFamily: 'monospace' }}>{m.idNumber}</div>
                <div>{m.phone ?? ''}</div>
                <Space size={4} wrap>
                  {m.lowIncome && <Tag color="gold">{t('worker.lowIncome')}</Tag>}
                  {m.disabilityGrade && <Tag color="purple">{t('worker.disability')} {m.disabilityGrade}</Tag>}
                  {m.skills.map((s) => <Tag key={s}>{L.skill(s)}</Tag>)}
                  {m.endOn && m.endOn < today() && <Tag>{t('roster.ended')} {m.endOn}</Tag>}
                </Space>
              </div>
              {canEdit && !m.endOn && (
                <Button danger onClick={() => modal.confirm({ title: t('roster.endConfirm', { name: m.name }), onOk: () => end.mutateAsync(m) })}>{t('roster.end')}</Button>
              )}
            </Space>
          </Card>
        )}
      />
      {canEdit && <AddMember workshopId={workshopId} village={village} open={adding} onClose={() => setAdding(false)} />}
    </div>
  )
}
