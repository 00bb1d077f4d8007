import type { Db } from '../db/client.ts'
import { seedRegistry } from './registry.ts'
import { seedOrders } from './orders.ts'
import { seedWorkRecords } from './work-records.ts'
import { seedProgramme } from './programme.ts'
import { seedAround } from './around.ts'
import { foldPendingWork } from '../modules/cockpit/fold.ts'

/**
 * Further demo data, run in order after the accounts (seed-demo.ts) on the first start of an empty
 * embedded database. Each module appends its deterministic generator here (registry first: the others
 * use its workshops and workers).
 */
export const demoSteps: { name: string; run: (db: Db) => Promise<void> }[] = [
  { name: 'registry: Lishui workshops, workers, enterprises, collectives', run: seedRegistry },
  { name: 'work records and pay sheets', run: seedWorkRecords },
  { name: 'orders, allocations, deliveries, payments, disputes', run: seedOrders },
  { name: 'programme: training, ratings, targets, talent pool', run: seedProgramme },
  { name: 'around: collective income, profit sharing, sales, tourism, partners', run: seedAround },
  // The running server folds queued work records in the background; fold the demo's once here, so that
  // neither the first reader nor each rolled-back test transaction pays for it.
  { name: 'roll-ups: fold the queued work records', run: async (db) => void (await foldPendingWork(db)) },
]
