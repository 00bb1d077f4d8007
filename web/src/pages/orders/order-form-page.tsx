import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Flex } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LOGISTICS, type OrderCreate } from '@gongfang/shared/orders'
import { api, ok, useMe, useCan } from '../../api/client'
import { applyFieldErrors, ProblemAlert } from '../../components/problem-alert'
import { today, useOrderAction, yuanToCentifen } from './api'
import { addDays } from '@gongfang/shared/clock'
import { DateInput } from '../../components/date-input'
import { PickupMap } from './pickup-map'
import { useCodeLabels } from '../../components/code-labels'
import { PageHeader } from '../../components/page-header'

const SKILLS = ['sorting', 'packing', 'sewing', 'assembly', 'weaving', 'embroidery']
const plusDays = (d: number) => addDays(today(), d)

interface FormValues {
  enterpriseId?: string
  product: string
  description?: string
  quantity: number
  unit: string
  workshopRate: string
  workerRate: string
  startOn: string
  dueOn: string
  skills: string[]
  pickupAddress?: string
  pickupLng: number
  pickupLat: number
  logistics: string
  minBatch: number
  maxBatch?: number
  qualityStandard?: string
  paymentTermDays: number
  publish: boolean
}

/** Enterprise (or staff on its behalf) posts an order; rates typed in yuan to 4 decimals, sent as centifen. */
export default function OrderFormPage() {
  const { t } = useTranslation('orders')
  const codes = useCodeLabels()
  const [form] = Form.useForm<FormValues>()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const me = useMe().data
  const can = useCan()
  // An enterprise posts its own orders; whoever else may post names the enterprise.
  const onBehalf = can('orders.create') && !me?.enterpriseId
  // Staff post on an enterprise's behalf: the enterprises of their area.
  const enterprises = useQuery({
    queryKey: ['enterprises', 'pick'],
    queryFn: ({ signal }) => api.GET('/enterprises', { params: { query: { pageSize: 200 } }, signal }).then(ok),
    enabled: onBehalf,
  })
  const own = useQuery({
    queryKey: ['enterprises', me?.enterpriseId],
    queryFn: ({ signal }) => api.GET('/enterprises/{id}', { params: { path: { id: me!.enterpriseId! } }, signal }).then(ok),
    enabled: !!me?.enterpriseId,
  })
  // The pick-up map shows the enterprise's county (staff: the chosen enterprise's, else their own area if a county or below).
  const pickedEnterprise = Form.useWatch('enterpriseId', form)
  const region =
    (onBehalf ? enterprises.data?.items.find((e) => e.id === pickedEnterprise)?.regionCode : own.data?.regionCode) ??
    (me?.regionCode && me.regionCode.length >= 6 ? me.regionCode : null)
  const lng = Form.useWatch('pickupLng', form)
  const lat = Form.useWatch('pickupLat', form)
  const create = useOrderAction((body: OrderCreate) => api.POST('/orders', { body }).then(ok))
  const rateRule = { validator: (_: unknown, v: string) => (v && yuanToCentifen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('ratesHint')))) }

  const onFinish = async (v: FormValues) => {
    try {
      const order = await create.mutateAsync({
        ...v,
        workshopRateCentifen: yuanToCentifen(v.workshopRate)!,
        workerRateCentifen: yuanToCentifen(v.workerRate)!,
      } as unknown as OrderCreate)
      message.success(t(`status.${order.status}`))
      navigate(`/orders/${order.id}`)
    } catch (e) {
      applyFieldErrors(form, e)
    }
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }}>
    <PageHeader title={t('menu.newOrder')} />
    <Card>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ unit: '件', startOn: today(), dueOn: plusDays(21), skills: ['sorting'], pickupLng: 119.0712, pickupLat: 27.6123, logistics: 'enterprise_delivers', minBatch: 500, paymentTermDays: 30, publish: true }}
      >
        <Row gutter={16}>
          {onBehalf && (
            <Col xs={24}>
              <Form.Item name="enterpriseId" label={t('fields.enterprise')} rules={[{ required: true }]}>
                <Select showSearch optionFilterProp="label" loading={enterprises.isLoading} options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}><Form.Item name="product" label={t('fields.product')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="quantity" label={t('fields.quantity')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="unit" label={t('fields.unit')} rules={[{ required: true }]}><Input maxLength={10} /></Form.Item></Col>
          <Col xs={24}><Form.Item name="description" label={t('fields.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="workshopRate" label={t('fields.workshopRate')} rules={[{ required: true }, rateRule]} extra={t('ratesHint')}><Input inputMode="decimal" placeholder="0.1800" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="workerRate" label={t('fields.workerRate')} rules={[{ required: true }, rateRule]}><Input inputMode="decimal" placeholder="0.1400" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="startOn" label={t('fields.startOn')} rules={[{ required: true }]}><DateInput /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="dueOn" label={t('fields.dueOn')} rules={[{ required: true }]}><DateInput /></Form.Item></Col>
          <Col xs={24} md={12}>
            <Form.Item name="skills" label={t('fields.skills')}>
              <Select mode="tags" options={SKILLS.map((s) => ({ value: s, label: codes.skill(s) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="logistics" label={t('fields.logistics')}>
              <Select options={LOGISTICS.map((l) => ({ value: l, label: t(`logistics.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('pickupMap')}>
              <PickupMap
                region={region}
                value={typeof lng === 'number' && typeof lat === 'number' ? [lng, lat] : undefined}
                onPick={([x, y]) => form.setFieldsValue({ pickupLng: x, pickupLat: y })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}><Form.Item name="pickupAddress" label={t('fields.pickupAddress')}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="pickupLng" label={t('fields.pickupLng')} rules={[{ required: true }]}><InputNumber step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="pickupLat" label={t('fields.pickupLat')} rules={[{ required: true }]}><InputNumber step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={8} md={6}><Form.Item name="minBatch" label={t('fields.minBatch')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={8} md={6}><Form.Item name="maxBatch" label={t('fields.maxBatch')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={8} md={6}><Form.Item name="paymentTermDays" label={t('fields.paymentTermDays')}><InputNumber min={0} max={365} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24}><Form.Item name="qualityStandard" label={t('fields.qualityStandard')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          <Col xs={24}><Form.Item name="publish" valuePropName="checked"><Checkbox>{t('publish')}</Checkbox></Form.Item></Col>
        </Row>
        {create.isError && <div style={{ marginBottom: 16 }}><ProblemAlert error={create.error} /></div>}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="order-submit">{t('submit')}</Button>
      </Form>
    </Card>
    </Flex>
  )
}
