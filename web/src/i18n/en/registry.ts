export default {
  menu: { workshops: 'Workshops', workers: 'Workers', enterprises: 'Enterprises', collectives: 'Collectives', imports: 'Bulk import', roster: 'Roster' },
  common: {
    search: 'Search name', all: 'All', region: 'Region', export: 'Export', exportXlsx: 'Export Excel', exportCsv: 'Export CSV', create: 'New', edit: 'Edit',
    save: 'Save', cancel: 'Cancel', history: 'History', noHistory: 'No changes yet', total: '{{n}} in all', detail: 'Details', back: 'Back',
    who: 'By', when: 'When', action: 'Action', changes: 'Changes', yes: 'Yes', no: 'No', none: 'None', created: 'Saved', view: 'View',
    actions: { create: 'Created', update: 'Updated', status: 'Status change', import: 'Imported', 'member.add': 'Joined roster', 'member.end': 'Left roster', 'membership.start': 'Joined workshop', 'membership.end': 'Left workshop', 'low-income.enter': 'Entered low-income register', 'low-income.leave': 'Left low-income register' },
  },
  workshop: {
    title: 'Workshops', name: 'Name', type: 'Type', status: 'Status', village: 'Village', collective: 'Collective', operator: 'Operator', address: 'Address',
    capacity: 'Daily capacity (pieces)', places: 'Places', members: 'Members', skills: 'Skills', openedOn: 'Opened', enterprises: 'Partner enterprises', area: 'Floor area (m²)',
    changeStatus: 'Change status', effectiveOn: 'Effective on', note: 'Note', statusHistory: 'Status history', roster: 'Roster', newTitle: 'Register a workshop',
    lng: 'Longitude', lat: 'Latitude',
  },
  worker: {
    consent: 'Disability consent', consentNone: 'No consent on record', consentLine: 'Agreed on {{on}} to: {{purpose}} (witness: {{witness}})', consentWithdraw: 'Withdraw consent', consentWithdrawConfirm: 'Withdrawing consent erases the disability grade. Continue?', title: 'Workers', name: 'Name', idNumber: 'ID number', phone: 'Phone', sex: 'Sex', F: 'F', M: 'M', age: 'Age', birthDate: 'Birth date', village: 'Village',
    household: 'Household', lowIncome: 'Low-income', disability: 'Disability', disabilityGrade: 'Disability grade', skills: 'Skills', hours: 'Hours per day',
    baseline: 'Monthly income before joining (yuan)', baselineSource: 'Income source', memberships: 'Workshops', periods: 'Low-income periods', minAge: 'Age at least',
    reveal: 'Show full numbers', revealReason: 'Reason (recorded in the audit log)', revealWords: 'In words (required for "other")', revealHides: 'Hidden again in {{n}} s', revealed: 'Full numbers', enter: 'Enter low-income', leave: 'Leave low-income', on: 'Date',
    newTitle: 'Register a worker', derived: 'Born {{birth}}, {{sex}} (from the ID number)', invalidId: 'Invalid ID number: check length, birth date and check digit',
    duplicate: 'This ID number is already registered', openExisting: 'Open the existing record', masked: 'Masked',
  },
  enterprise: { title: 'Enterprises', name: 'Name', creditCode: 'Unified social credit code', region: 'Region', contact: 'Contact', phone: 'Phone', industry: 'Industry', workshops: 'Workshops', newTitle: 'Register an enterprise', invalidCode: 'Invalid credit code (check character)' },
  collective: { title: 'Collectives', name: 'Name', kind: 'Kind', region: 'Region', creditCode: 'Unified social credit code', workshops: 'Workshops', newTitle: 'Register a collective' },
  roster: {
    title: 'My roster', pick: 'Workshop', add: 'Add member', startOn: 'Joined on', endOn: 'Left on', end: 'Leave', endConfirm: 'Confirm {{name}} leaves the workshop?',
    empty: 'No members yet', count: '{{n}} members', ended: 'Left', all: 'Include past',
  },
  imports: {
    title: 'Bulk import', kind: 'Import', kinds: { workers: 'Workers', workshops: 'Workshops', enterprises: 'Enterprises' }, template: 'Download template',
    step1: 'Upload', step2: 'Check', step3: 'Import', upload: 'Choose or drop an .xlsx / .csv file', uploadHint: 'CSV in UTF-8 or GBK; Chinese or English headers',
    checking: 'Checking…', summary: '{{total}} rows, {{valid}} valid, {{bad}} errors', encoding: 'Encoding: {{enc}}', noErrors: 'All rows are valid and ready to import',
    errorsTitle: 'These rows have errors; nothing in the file will be imported. Fix them and upload again.', row: 'Row', column: 'Column', value: 'Value', message: 'Problem',
    preview: 'Preview (first 20 rows)', confirm: 'Import {{n}} rows', importing: 'Importing…', done: 'Imported {{n}} rows', again: 'Import another file', failed: 'Import failed; nothing was written',
    atomic: 'Imports are atomic: every row is written or none.', reupload: 'Upload again',
  },
  sexes: { F: 'Female', M: 'Male' },
}
