import type { Db } from '../db/client.ts'
import { seedRegistry } from './registry.ts'
import { seedOrders } from './orders.ts'
import { seedWorkRecords } from './work-records.ts'
import { seedProgramme } from './programme.ts'
import { seedFullForeground, seedFullRegistry } from './full.ts'
import { seedAround } from './around.ts'
import { foldPendingWork } from '../modules/cockpit/fold.ts'

/**
 * Further demo data, run in order after the accounts (seed-demo.ts) on the first start of an empty
 * embedded database. Each module appends its deterministic generator here (registry first: the others
 * use its workshops and workers).
 */
export const demoSteps = (scale: 'small' | 'full'): { name: string; run: (db: Db) => Promise<void> }[] => [
  scale === 'full'
    ? { name: 'registry: Lishui workshops, workers (Qingyuan 1,600+), enterprises, collectives', run: seedFullRegistry }
    : { name: 'registry: Lishui workshops, workers, enterprises, collectives', run: seedRegistry },
  scale === 'full'
    ? { name: 'work records: the demo workshop’s two years, everyone’s last days (the rest loads in the background)', run: seedFullForeground }
    : { name: 'work records and pay sheets', run: seedWorkRecords },
  { name: 'orders, allocations, deliveries, payments, disputes', run: seedOrders },
  { name: 'programme: training, ratings, targets, talent pool', run: seedProgramme },
  scale === 'full'
    ? { name: 'around: collective income, profit sharing, partners (sales and visitors load in the background)', run: (db) => seedAround(db, { fromLastJanuary: true, history: false }) }
    : { name: 'around: collective income, profit sharing, sales, tourism, partners', run: (db) => seedAround(db) },
  // The running server folds queued work records in the background; fold the small demo's once here, so that
  // neither the first reader nor each rolled-back test transaction pays for it. The full demo's background
  // load folds them first.
  ...(scale === 'small' ? [{ name: 'roll-ups: fold the queued work records', run: async (db: Db) => void (await foldPendingWork(db)) }] : []),
]
