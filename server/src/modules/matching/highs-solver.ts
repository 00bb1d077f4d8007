/** The HiGHS WebAssembly solver, loaded once per process (≈ 0.1 s) and reused by every plan. */
import loadHighs from 'highs'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let highs: Promise<Highs> | null = null

export function getHighs(): Promise<Highs> {
  highs ??= loadHighs()
  return highs
}

export interface SolveInput {
  lp: string
  columns: string[]
  timeLimitMs: number
  mipGap: number
  /** Feasible start (e.g. the greedy split), in column order. */
  start?: number[]
}

export interface SolveOutput {
  /** HiGHS model status, e.g. 'optimal', 'time_limit', 'infeasible'. */
  status: string
  values: Float64Array | null
  objective: number | null
  mipGap: number | null
  solveMs: number
}

const STATUS_NAMES: Record<number, string> = {
  0: 'not_set', 1: 'load_error', 2: 'model_error', 3: 'presolve_error', 4: 'solve_error', 5: 'postsolve_error',
  6: 'empty', 7: 'optimal', 8: 'infeasible', 9: 'unbounded_or_infeasible', 10: 'unbounded', 11: 'objective_bound',
  12: 'objective_target', 13: 'time_limit', 14: 'iteration_limit', 15: 'unknown', 16: 'solution_limit', 17: 'interrupt',
}

export type Solver = (input: SolveInput) => SolveOutput

/** A synchronous solver bound to the loaded wasm module. */
export async function highsSolver(): Promise<Solver> {
  const h = await getHighs()
  return (input) => {
    const t0 = performance.now()
    return h.withModel({ format: 'lp', data: input.lp }, (model) => {
      model.options.set({ output_flag: false, mip_rel_gap: input.mipGap, time_limit: input.timeLimitMs / 1000 })
      if (input.start && input.start.length === input.columns.length) {
        try {
          model.setSolution({ colValue: Float64Array.from(input.start) })
        } catch {
          /* a rejected start only costs time */
        }
      }
      model.run()
      const code = model.getModelStatus() as number
      const status = STATUS_NAMES[code] ?? `status_${code}`
      let values: Float64Array | null = null
      let objective: number | null = null
      let mipGap: number | null = null
      try {
        const primalOk = Number(model.info.get('primal_solution_status')) === 2
        if (primalOk) {
          values = Float64Array.from(model.getSolution().colValue)
          objective = model.getObjectiveValue()
        }
        const g = Number(model.info.get('mip_gap'))
        mipGap = Number.isFinite(g) ? Math.max(0, g) : null
      } catch {
        /* info not available for this status */
      }
      return { status, values, objective, mipGap, solveMs: Math.round(performance.now() - t0) }
    })
  }
}
