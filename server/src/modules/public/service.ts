import type { PublicSummary } from '@gongfang/shared/cockpit'
import type { DbOrTx } from '../../db/client.ts'
import { suppressOneLevel } from './suppression.ts'
import { childrenOf, figuresOf, pathOf, periodOf, placeOf } from '../cockpit/service.ts'

/** Public figures: the cockpit's, with every small person cell (and its complements) withheld before it leaves the server. */
export async function publicSummary(db: DbOrTx, code: string, q: { from?: string; to?: string }): Promise<PublicSummary> {
  const p = periodOf(q)
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
