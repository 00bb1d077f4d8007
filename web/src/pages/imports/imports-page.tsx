import { useEffect, useState } from 'react'
import { Alert, Button, Card, Progress, Result, Segmented, Space, Steps, Table, Typography, Upload, Flex } from 'antd'
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ListTable } from '../../components/card-table'
import { IMPORT_KINDS, type ImportError, type ImportKind, type ImportResult, type Job } from '@gongfang/shared/registry'
import { api, asForm, download, ok } from '../../api/client'
import { ProblemAlert } from '../../components/problem-alert'
import { useCodeLabels } from '../../components/code-labels'
import { formatFen } from '../../components/money'
import { PageHeader } from '../../components/page-header'

/** The preview's columns: the village's name beside its code, and none that every previewed row leaves empty. */
function previewColumns(rows: Record<string, unknown>[]): string[] {
  const keys = Object.keys(rows[0] ?? {}).filter((k) => k !== 'birthDate' && k !== 'birthYear' && k !== 'regionName')
  const at = keys.indexOf('regionCode')
  if (rows[0] && 'regionName' in rows[0]) keys.splice(at < 0 ? keys.length : at, 0, 'regionName')
  const filled = (v: unknown) => v != null && v !== '' && !(Array.isArray(v) && v.length === 0)
  return keys.filter((k) => k === 'row' || rows.some((r) => filled(r[k])))
}

function ErrorsTable({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation('registry')
  return (
    <Table<ImportError>
      data-testid="import-errors"
      size="small"
      rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
      dataSource={errors}
      pagination={errors.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: true }}
      columns={[
        { title: t('imports.row'), dataIndex: 'row', width: 70 },
        { title: t('imports.column'), dataIndex: 'column', width: 150 },
        { title: t('imports.value'), dataIndex: 'value', width: 200, render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
        { title: t('imports.message'), dataIndex: 'message' },
      ]}
    />
  )
}

function JobProgress({ jobId, onDone }: { jobId: string; onDone: (job: Job) => void }) {
  const { t } = useTranslation('registry')
  const q = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => api.GET('/jobs/{id}', { params: { path: { id: jobId } } }).then(ok),
    refetchInterval: (query) => (query.state.data && (query.state.data.state === 'done' || query.state.data.state === 'failed') ? false : 700),
  })
  useEffect(() => {
    if (q.data && (q.data.state === 'done' || q.data.state === 'failed')) onDone(q.data)
  }, [q.data, onDone])
  const pct = q.data?.total ? Math.floor((q.data.processed * 100) / q.data.total) : 0
  return (
    <div>
      <Typography.Text>{t('imports.importing')}</Typography.Text>
      <Progress percent={pct} status="active" data-testid="import-progress" />
      <ProblemAlert error={q.error} />
    </div>
  )
}

export default function ImportsPage() {
  const codes = useCodeLabels()
  const { t } = useTranslation('registry')
  const [kind, setKind] = useState<ImportKind>('workers')
  const [file, setFile] = useState<File | null>(null)
  const [check, setCheck] = useState<ImportResult | null>(null)
  const [final, setFinal] = useState<{ imported: number; errors: ImportError[] } | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)

  const send = (f: File, dryRun: boolean) =>
    api.POST('/imports/{kind}', { params: { path: { kind }, query: dryRun ? { dryRun: 'true' } : {} }, ...asForm({ file: f }) }).then(ok)
  const dry = useMutation({ mutationFn: (f: File) => send(f, true), onSuccess: setCheck })
  const real = useMutation({
    mutationFn: (f: File) => send(f, false),
    onSuccess: (r) => {
      if (r.jobId) setJobId(r.jobId)
      else if (r.errors.length) {
        setCheck(r)
      } else setFinal({ imported: r.imported, errors: [] })
    },
  })
  const reset = () => {
    setFile(null)
    setCheck(null)
    setFinal(null)
    setJobId(null)
    dry.reset()
    real.reset()
  }
  const choose = (f: File) => {
    setFile(f)
    setCheck(null)
    setFinal(null)
    dry.mutate(f)
    return false
  }
  const step = final || jobId ? 2 : check ? 1 : 0
  const uploader = (
    <Upload.Dragger accept=".xlsx,.csv,.txt" showUploadList={false} beforeUpload={choose} data-testid="import-upload">
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p>{t('imports.upload')}</p>
      <p style={{ color: '#888' }}>{t('imports.uploadHint')}</p>
    </Upload.Dragger>
  )
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('imports.title')} />
      <Card>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Steps current={step} items={[{ title: t('imports.step1') }, { title: t('imports.step2') }, { title: t('imports.step3') }]} />
        <Space wrap>
          <Segmented<ImportKind> value={kind} onChange={(k) => { setKind(k); reset() }} options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))} />
          <Button icon={<DownloadOutlined />} onClick={() => download(api.GET('/imports/{kind}/template.xlsx', { params: { path: { kind } }, parseAs: 'blob' }))}>{t('imports.template')}</Button>
        </Space>
        <Alert type="info" showIcon title={t('imports.atomic')} />
        {step === 0 && uploader}
        {dry.isPending && <Typography.Text>{t('imports.checking')}</Typography.Text>}
        <ProblemAlert error={dry.error ?? real.error} />
        {check && step === 1 && (
          <>
            <Typography.Text data-testid="import-summary">
              {t('imports.summary', { total: check.total, valid: check.valid, bad: check.errors.length })} · {t('imports.encoding', { enc: check.encoding })}
            </Typography.Text>
            {check.errors.length > 0 ? (
              <>
                <Alert type="error" showIcon title={t('imports.errorsTitle')} />
                <ErrorsTable errors={check.errors} />
                {uploader}
              </>
            ) : (
              <>
                <Alert type="success" showIcon title={t('imports.noErrors')} />
                <Typography.Title level={5}>{t('imports.preview')}</Typography.Title>
                <ListTable
                  scroll={{ x: true }}
                  rowKey={(r) => String(r.row)}
                  dataSource={check.preview as Record<string, unknown>[]}
                  columns={previewColumns(check.preview as Record<string, unknown>[]).map((k) => ({
                    title: k === 'name' && kind === 'workers' ? t('worker.name') : codes.importField(k),
                    dataIndex: k,
                    onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
                    render: (v: unknown) =>
                      Array.isArray(v) ? (k === 'skills' ? codes.skills(v as string[]) : v.join('、'))
                        : k === 'sex' && (v === 'F' || v === 'M') ? t(`worker.${v}`)
                        : k.endsWith('Fen') && typeof v === 'number' ? formatFen(v)
                        : v == null ? '' : String(v),
                  }))}
                />
                <Space>
                  <Button type="primary" size="large" loading={real.isPending} onClick={() => file && real.mutate(file)} data-testid="import-confirm">
                    {t('imports.confirm', { n: check.valid })}
                  </Button>
                  <Button onClick={reset}>{t('imports.reupload')}</Button>
                </Space>
              </>
            )}
          </>
        )}
        {jobId && !final && <JobProgress jobId={jobId} onDone={(j) => setFinal({ imported: j.result?.imported ?? 0, errors: j.state === 'failed' ? j.errors : [] })} />}
        {final && (
          <>
            {final.errors.length ? (
              <>
                <Result status="error" title={t('imports.failed')} />
                <ErrorsTable errors={final.errors} />
              </>
            ) : (
              <Result status="success" title={<span data-testid="import-done">{t('imports.done', { n: final.imported })}</span>} />
            )}
            <Button onClick={reset}>{t('imports.again')}</Button>
          </>
        )}
      </Space>
    </Card>
    </Flex>
  )
}
