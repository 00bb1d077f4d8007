export default {
  greeting: 'Hello, {{name}}',
  whoAmI: 'Who I am',
  username: 'Username',
  role: 'Role',
  level: 'Level',
  scope: 'Scope',
  scopeHint: 'You see data of this region and the regions below it only.',
  regionCard: 'Choose a region',
  regionHint: 'The region picker starts at your scope; expand level by level or search.',
  selected: 'Selected: {{code}}',
  shortcuts: 'Shortcuts',
  noShortcuts: 'More modules are on the way',
}
