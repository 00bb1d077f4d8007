import { useCallback, useRef, useState, type ReactNode } from 'react'
import { Modal, Progress, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ExportJobRequest } from '@gongfang/shared/registry'
import { api, ok, ApiError, downloadFile, type Query } from '../api/client'

type State = { phase: 'running' | 'failed'; percent: number; message?: string }

/**
 * Long exports run as server jobs: start one, show its progress in a modal, and download the file when done.
 * Closing the modal stops polling; starting the same export again joins the job still running on the server. It
 * closes itself once the file is downloaded.
 */
export function useExportJob(): { start: (kind: ExportJobRequest['kind'], query: Query, id?: string) => Promise<void>; modal: ReactNode } {
  const { t } = useTranslation('common')
  const [state, setState] = useState<State | null>(null)
  const run = useRef(0)
  const start = useCallback(async (kind: ExportJobRequest['kind'], query: Query, id?: string) => {
    const mine = ++run.current
    const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number | boolean>
    setState({ phase: 'running', percent: 0 })
    try {
      let job = await api.POST('/export-jobs', { body: { kind, id, query: clean } }).then(ok)
      while (job.state === 'queued' || job.state === 'running') {
        await new Promise((r) => setTimeout(r, 500))
        if (run.current !== mine) return
        job = await api.GET('/jobs/{id}', { params: { path: { id: job.id } } }).then(ok)
        setState({ phase: 'running', percent: Math.round((job.processed / Math.max(job.total, 1)) * 100) })
      }
      if (run.current !== mine) return
      if (job.state === 'failed' || !job.download) {
        setState({ phase: 'failed', percent: 100, message: job.errors.map((e) => e.message).join('; ') || t('exportJob.failed') })
        return
      }
      await downloadFile(job.download.url, job.download.fileName)
      // The browser shows the file arriving: the dialog has done its work and gets out of the way. It stays open
      // only to say why an export failed.
      if (run.current === mine) setState(null)
    } catch (e) {
      if (run.current === mine) setState({ phase: 'failed', percent: 100, message: e instanceof ApiError ? e.message : String(e) })
    }
  }, [t])
  const close = () => {
    run.current++
    setState(null)
  }
  const modal = (
    <Modal open={state !== null} title={t('exportJob.title')} onCancel={close} onOk={close} okText={t('exportJob.close')} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {state && (
        <>
          <Progress percent={state.percent} status={state.phase === 'failed' ? 'exception' : 'active'} />
          <Typography.Paragraph role="status" style={{ marginTop: 8 }}>
            {state.phase === 'running' ? t('exportJob.running') : state.message}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  )
  return { start, modal }
}
