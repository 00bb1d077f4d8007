import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Card, Empty, Input, InputNumber, List, Modal, Select, Space, Spin, Tag, Typography, type SelectProps } from 'antd'
import { CloudUploadOutlined, DisconnectOutlined, WifiOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { DaySheet, WorkRecord } from '@gongfang/shared'
import { ApiError } from '../../api/client'
import { correctRecord, fetchDaySheet, fetchRecordableWorkshops, wagesKeys, type WorkshopOption } from '../../api/wages'
import { cacheGet, cachePut, clearSent, enqueue, flush, listEntries, startAutoFlush, subscribe, type QueueEntry } from './offline-queue'
import { fenText, todayCn, useInstallable, useOnline } from './use-online'
import { DateInput } from '../../components/date-input'
import { PageHeader } from '../../components/page-header'

const offlineError = (e: unknown) => e instanceof ApiError && e.status === 0

/** Loads with the network, falls back to the last copy kept in IndexedDB. */
async function withCache<T>(key: string, load: () => Promise<T>): Promise<T & { fromCache?: boolean }> {
  try {
    const data = await load()
    void cachePut(key, data)
    return data as T & { fromCache?: boolean }
  } catch (e) {
    if (!offlineError(e)) throw e
    const hit = await cacheGet<T>(key)
    if (hit === undefined) throw e
    return { ...hit, fromCache: true }
  }
}

function useOutbox(): QueueEntry[] {
  const [entries, setEntries] = useState<QueueEntry[]>([])
  useEffect(() => {
    const load = () => void listEntries().then(setEntries)
    load()
    const off = subscribe(load)
    const stop = startAutoFlush()
    return () => {
      off()
      stop()
    }
  }, [])
  return entries
}

const STATE_COLOR = { pending: 'orange', sent: 'green', refused: 'red' } as const

function Outbox({ entries }: { entries: QueueEntry[] }) {
  const { t } = useTranslation('wages')
  if (entries.length === 0) return null
  const pending = entries.filter((e) => e.state === 'pending').length
  return (
    <Card
      size="small"
      title={`${t('daySheet.outbox')}${pending ? ` · ${t('daySheet.pending')} ${pending}` : ''}`}
      extra={
        <Space size={4}>
          <Button size="small" icon={<CloudUploadOutlined />} onClick={() => void flush()}>{t('daySheet.retry')}</Button>
          <Button size="small" onClick={() => void clearSent()}>{t('daySheet.clear')}</Button>
        </Space>
      }
      data-testid="outbox"
    >
      <List
        size="small"
        dataSource={entries}
        renderItem={(e) => (
          <List.Item data-testid="outbox-entry" data-state={e.state}>
            <Space orientation="vertical" size={0} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={STATE_COLOR[e.state]}>{t(`daySheet.${e.state}`)}</Tag>
                <span>{e.date}</span>
                <span>{e.workshopName}</span>
                <span>{t('daySheet.lines', { n: e.lines })}</span>
              </Space>
              {e.state === 'refused' && <Typography.Text type="danger">{e.reason}</Typography.Text>}
              {e.state === 'pending' && e.reason && <Typography.Text type="secondary">{e.reason === 'offline' ? t('daySheet.offline') : e.reason}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

function CorrectButton({ record, onDone }: { record: WorkRecord; onDone: () => void }) {
  const { t } = useTranslation('wages')
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const [good, setGood] = useState<number | null>(record.goodQty)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (reverseOnly: boolean) => {
    setBusy(true)
    try {
      // Reversing without a replacement is said explicitly; the server refuses a correction without either.
      await correctRecord(record.id, { ...(reverseOnly ? { reverse: true } : { goodQty: good! }), reason: reason || t('daySheet.correct') })
      setOpen(false)
      onDone()
    } catch (e) {
      message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{t('daySheet.correct')}</Button>
      <Modal open={open} title={`${t('daySheet.correct')} · ${record.workerName}`} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label>{t('daySheet.newGood')}<InputNumber min={0} value={good} onChange={setGood} style={{ width: '100%' }} size="large" /></label>
          <label>{t('daySheet.reason')}<Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} /></label>
          <Space>
            <Button type="primary" loading={busy} disabled={good === null} onClick={() => submit(false)}>{t('daySheet.correct')}</Button>
            <Button danger loading={busy} onClick={() => submit(true)}>{t('daySheet.reverse')}</Button>
          </Space>
        </Space>
      </Modal>
    </>
  )
}

/** The day sheet is filled in at the workbench on a phone: its pickers take the full width, in the large size. */
function BigSelect<V>(props: SelectProps<V>) {
  return <Select<V> style={{ width: '100%' }} size="large" {...props} />
}

export default function DaySheetPage() {
  const { t } = useTranslation('wages')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const online = useOnline()
  useInstallable()
  const entries = useOutbox()
  const [workshopId, setWorkshopId] = useState<string>()
  const [date, setDate] = useState(todayCn())
  const [itemId, setItemId] = useState<string>()
  const [qty, setQty] = useState<Record<string, { good?: number | null; rejected?: number | null }>>({})

  const workshops = useQuery({ queryKey: wagesKeys.workshops, queryFn: () => withCache<WorkshopOption[]>('workshops', fetchRecordableWorkshops) })
  useEffect(() => {
    if (!workshopId && workshops.data?.[0]) setWorkshopId(workshops.data[0].id)
  }, [workshops.data, workshopId])
  const sheet = useQuery({
    queryKey: wagesKeys.daySheet(workshopId ?? '', date),
    enabled: !!workshopId,
    // Offline, any earlier copy of the workshop's list will do: members and items rarely change.
    queryFn: () => withCache<DaySheet>(`day:${workshopId}`, () => fetchDaySheet(workshopId!, date)),
  })
  const items = sheet.data?.items ?? []
  useEffect(() => {
    if (items.length && !items.some((i) => i.id === itemId)) setItemId(items[0]!.id)
  }, [items, itemId])
  const item = items.find((i) => i.id === itemId)
  const sentCount = entries.filter((e) => e.state === 'sent').length
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ['wages', 'day-sheet'] })
  }, [sentCount, qc])

  const lines = useMemo(
    () =>
      (sheet.data?.workers ?? [])
        .map((w) => ({ w, q: qty[w.id] ?? {} }))
        .filter(({ q }) => (q.good ?? 0) > 0 || (q.rejected ?? 0) > 0),
    [sheet.data, qty],
  )

  const submit = async () => {
    if (!workshopId || !item || !sheet.data) return
    if (lines.length === 0) {
      message.warning(t('daySheet.nothingToSubmit'))
      return
    }
    const body = {
      workshopId,
      lines: lines.map(({ w, q }) => ({
        workerId: w.id,
        workDate: date,
        ...(item.kind === 'product' ? { productId: item.id } : { allocationId: item.id }),
        goodQty: q.good ?? 0,
        rejectedQty: q.rejected ?? 0,
      })),
    }
    await enqueue({ workshopId, workshopName: sheet.data.workshopName, date, body })
    setQty({})
    // Only say "saved on this phone" when it is: online, the queue uploads at once and the outbox shows the result.
    message.success(navigator.onLine ? t('daySheet.sending') : t('daySheet.submitted'))
  }

  const estimate = (good: number | null | undefined) => (item && good ? fenText(Math.round((good * item.workerRateCentifen) / 100)) : '')

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 720 }}>
      <PageHeader
        title={t('daySheet.title')}
        extra={online ? <Tag icon={<WifiOutlined />} color="green">{t('daySheet.online')}</Tag> : <Tag icon={<DisconnectOutlined />} color="orange" data-testid="offline-tag">{t('daySheet.offline')}</Tag>}
      />
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <BigSelect
            aria-label={t('daySheet.workshop')}
            value={workshopId}
            onChange={setWorkshopId}
            loading={workshops.isLoading}
            options={(workshops.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
          />
          <DateInput size="large" aria-label={t('daySheet.date')} value={date} max={todayCn()} onChange={(v) => v && setDate(v)} />
          <BigSelect
            aria-label={t('daySheet.item')}
            value={itemId}
            onChange={setItemId}
            options={items.map((i) => ({ value: i.id, label: `${i.name} · ${(i.workerRateCentifen / 100).toFixed(2)} 分/${i.unit}` }))}
          />
        </Space>
      </Card>
      {sheet.data?.fromCache && <Alert type="info" showIcon title={t('daySheet.cachedCopy')} />}
      {sheet.data?.monthStatus && sheet.data.monthStatus !== 'draft' && <Alert type="warning" showIcon title={t('daySheet.monthLocked')} />}
      {sheet.isLoading && <Spin />}
      {sheet.data && items.length === 0 && <Alert type="warning" title={t('daySheet.noItems')} />}
      {sheet.data && (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          {sheet.data.workers.length === 0 ? (
            <Empty description={t('daySheet.noWorkers')} />
          ) : (
            <List
              dataSource={sheet.data.workers}
              renderItem={(w) => (
                <List.Item style={{ padding: '10px 12px' }} data-testid="worker-row">
                  <div style={{ display: 'grid', gridTemplateColumns: '1fr 110px 84px', gap: 8, width: '100%', alignItems: 'center' }}>
                    <div>
                      <div style={{ fontSize: 17, fontWeight: 500 }}>{w.name}</div>
                      <Space size={2}>
                        {w.lowIncome && <Tag color="gold">{t('daySheet.lowIncome')}</Tag>}
                        {w.disabled && <Tag color="blue">{t('daySheet.disabled')}</Tag>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{estimate(qty[w.id]?.good)}</Typography.Text>
                      </Space>
                    </div>
                    {(['good', 'rejected'] as const).map((kind) => (
                      <InputNumber
                        key={kind}
                        aria-label={`${w.name} ${t(`daySheet.${kind}`)}`}
                        placeholder={t(`daySheet.${kind}`)}
                        min={0}
                        max={1_000_000}
                        precision={0}
                        size="large"
                        inputMode="numeric"
                        style={{ width: '100%' }}
                        value={qty[w.id]?.[kind] ?? null}
                        onChange={(v) => setQty((s) => ({ ...s, [w.id]: { ...s[w.id], [kind]: v } }))}
                      />
                    ))}
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      <Button type="primary" size="large" block onClick={submit} disabled={!item} data-testid="submit-day">
        {t('daySheet.submit')}
      </Button>
      <Outbox entries={entries} />
      {sheet.data && sheet.data.records.length > 0 && (
        <Card size="small" title={`${t('daySheet.today')} · ${sheet.data.date}`}>
          <List
            size="small"
            dataSource={sheet.data.records}
            renderItem={(r) => (
              <List.Item extra={r.reversalOf === null && !r.reversed && online ? <CorrectButton record={r} onDone={() => void sheet.refetch()} /> : undefined}>
                <Space wrap size={4}>
                  <span>{r.workerName}</span>
                  <span>{r.product}</span>
                  <span>{r.goodQty} / {r.rejectedQty}</span>
                  <strong>{fenText(r.amountFen)}</strong>
                  {r.reversed && <Tag>{t('daySheet.reversed')}</Tag>}
                  {r.reversalOf !== null && <Tag color="red">{t('daySheet.reversal')} #{r.reversalOf}</Tag>}
                  {r.correctionOf !== null && <Tag color="blue">{t('daySheet.correction')} #{r.correctionOf}</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Typography.Text type="secondary">{t('daySheet.install')}</Typography.Text>
    </Space>
  )
}
