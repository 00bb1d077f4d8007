import type { PublicSummary } from '@gongfang/shared/cockpit'
import type { DbOrTx } from '../../db/client.ts'
import type { Caller } from '../../auth/caller.ts'
import { suppressOneLevel } from './suppression.ts'
import { childrenOf, figuresOf, pathOf, periodOf, placeOf } from '../cockpit/service.ts'

/** Public figures (no login): the cockpit's, with every small person cell (and its complements) withheld before it leaves the server. */
export async function publicSummary(db: DbOrTx, caller: Caller, q: { region?: string; from?: string; to?: string }): Promise<PublicSummary> {
  const code = q.region ?? '33'
  const p = periodOf(q, caller.clock)
  const region = await placeOf(db, code)
  const [path, figures, children] = await Promise.all([
    pathOf(db, '33', code),
    figuresOf(db, code, p),
    region.level === 'village' ? Promise.resolve({ items: [] }) : childrenOf(db, code, p),
  ])
  const shown = suppressOneLevel(figures, children.items.map((c) => c.figures))
  return {
    region,
    path,
    period: { from: p.from, to: p.to },
    figures: shown.figures,
    children: children.items.map(({ figures: _, ...place }, i) => ({ ...place, figures: shown.children[i]! })),
  }
}
