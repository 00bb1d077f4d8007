import { Worker } from 'node:worker_threads'
import type { ImportKind } from '@gongfang/shared/registry'
import { FIELDS } from './specs.ts'
import { writeTemplate, type TemplateSpec } from './template-writer.mjs'

const TITLES: Record<ImportKind, string> = { workers: '农户', workshops: '工坊', enterprises: '企业' }
const HOW_TO =
  '第一行为表头，从第二行开始填写；也可另存为 CSV（UTF-8 或 GBK 均可）上传。英文表头同样可以识别。村可以填代码，也可以填村名（同名的村请写成“乡镇/村”），对照见“村名对照”表。整个文件要么全部导入，要么一条都不导入。'

export interface VillageLookup {
  county: string
  township: string
  village: string
  code: string
}

/** Village lookups longer than this are written on a worker thread (a county's few hundred rows are quick here). */
const LOOKUP_IN_PROCESS = 500

/** The import template: Chinese headers (required ones bold red), text-formatted code columns, a notes sheet with English names. */
export async function templateXlsx(kind: ImportKind, lookup: readonly VillageLookup[] = []): Promise<Buffer> {
  const spec: TemplateSpec = {
    title: TITLES[kind],
    fields: FIELDS[kind].map((f) => ({ key: f.key, zh: f.zh, en: f.en, example: f.example, text: !!f.text, required: !!f.required, noteZh: f.note.zh, noteEn: f.note.en })),
    howTo: HOW_TO,
    lookup,
  }
  const bytes = lookup.length <= LOOKUP_IN_PROCESS ? await writeTemplate(spec) : await inWorker(spec)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function inWorker(spec: TemplateSpec): Promise<Uint8Array> {
  const worker = new Worker(new URL('./template-writer.mjs', import.meta.url), { workerData: { templateSpec: spec } })
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (m: { bytes?: Uint8Array; error?: string }) => (m.bytes ? resolve(m.bytes) : reject(new Error(`template writer: ${m.error}`))))
  }).finally(() => void worker.terminate())
}
