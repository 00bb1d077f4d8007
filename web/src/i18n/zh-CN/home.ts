export default {
  greeting: '您好，{{name}}',
  whoAmI: '我的身份',
  username: '账号',
  role: '角色',
  level: '层级',
  scope: '管辖范围',
  scopeHint: '您只能看到本区域及下级区域的数据。',
  regionCard: '区域选择',
  regionHint: '区域选择器从您的管辖区域开始，可逐级展开或搜索。',
  selected: '已选：{{code}}',
  shortcuts: '快捷入口',
  noShortcuts: '更多功能模块正在建设中',
}
