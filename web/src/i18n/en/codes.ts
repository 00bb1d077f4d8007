/** English words for the codes the API sends: one map per code list; a code not listed shows as itself. */
export default {
  skill: {
    sorting: 'Sorting', packing: 'Packing', sewing: 'Sewing', assembly: 'Assembly', weaving: 'Weaving', embroidery: 'Embroidery', livestream: 'Livestreaming',
    cooking: 'Cooking', farming: 'Farming', guiding: 'Guiding', bamboo: 'Bamboo craft', bamboo_weaving: 'Bamboo weaving', woodwork: 'Woodwork',
    mushroom: 'Mushrooms', drying: 'Drying', ecommerce: 'E-commerce', quality: 'Quality control', machinery: 'Machine repair', hospitality: 'Guest houses',
  },
  solverStatus: {
    optimal: 'Optimal plan', time_limit: 'Best plan within the time limit', iteration_limit: 'Best plan within the iteration limit', solution_limit: 'Feasible plan', objective_bound: 'Feasible plan',
    objective_target: 'Feasible plan', infeasible: 'No feasible plan', unbounded: 'Unbounded model', unbounded_or_infeasible: 'No feasible plan', no_candidates: 'No candidate workshops',
    empty: 'Nothing to allocate', unknown: 'Unknown', interrupt: 'Interrupted', not_set: 'Not solved', load_error: 'Solver error', model_error: 'Solver error', presolve_error: 'Solver error',
    solve_error: 'Solver error', postsolve_error: 'Solver error', greedy_fallback: ' (fell back to nearest-first)',
  },
  importField: {
    name: 'Name', idNumber: 'ID number', phone: 'Phone', regionName: 'Village', regionCode: 'Village code', household: 'Household', lowIncomeSince: 'Low-income since',
    disabilityConsentOn: 'Disability consent on', disabilityConsentWitness: 'Consent witness', disabilityGrade: 'Disability grade', skills: 'Skills', hoursPerDay: 'Hours per day', baselineMonthlyIncome: 'Monthly income before (yuan)',
    baselineMonthlyIncomeFen: 'Monthly income before', baselineSource: 'Income source', sex: 'Sex', birthDate: 'Birth date', type: 'Type', address: 'Address', lng: 'Longitude',
    lat: 'Latitude', floorAreaM2: 'Floor area (m²)', dailyCapacity: 'Daily capacity (pieces)', workerPlaces: 'Places', status: 'Status', openedOn: 'Opened on',
    creditCode: 'Credit code', contactName: 'Contact', contactPhone: 'Contact phone', industry: 'Industry', row: 'Row',
  },
}
