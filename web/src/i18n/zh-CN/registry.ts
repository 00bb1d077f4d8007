export default {
  menu: { workshops: '工坊', workers: '农户', enterprises: '企业', collectives: '村集体', imports: '批量导入', roster: '花名册' },
  common: {
    search: '搜索名称', all: '全部', region: '区域', export: '导出', exportXlsx: '导出 Excel', exportCsv: '导出 CSV', create: '新增', edit: '编辑',
    save: '保存', cancel: '取消', history: '变更记录', noHistory: '暂无变更记录', total: '共 {{n}} 条', detail: '详情', back: '返回',
    who: '操作人', when: '时间', action: '操作', changes: '变更', yes: '是', no: '否', none: '无', created: '已保存', view: '查看',
    actions: { create: '新建', update: '修改', status: '状态变更', import: '批量导入', 'member.add': '加入花名册', 'member.end': '退出花名册', 'membership.start': '加入工坊', 'membership.end': '离开工坊', 'low-income.enter': '纳入低收入农户', 'low-income.leave': '退出低收入农户' },
  },
  workshop: {
    title: '共富工坊', name: '名称', type: '类型', status: '状态', village: '所在村', collective: '村集体', operator: '负责人', address: '地址',
    capacity: '日产能（件）', places: '岗位数', members: '在册人数', skills: '技能', openedOn: '开办日期', enterprises: '合作企业', area: '面积（平方米）',
    changeStatus: '变更状态', effectiveOn: '生效日期', note: '备注', statusHistory: '状态历程', roster: '花名册', newTitle: '登记工坊',
    lng: '经度', lat: '纬度',
  },
  worker: {
    consent: '残疾信息同意', consentNone: '无同意记录', consentLine: '{{on}} 本人同意用于：{{purpose}}（见证人：{{witness}}）', consentWithdraw: '撤回同意', consentWithdrawConfirm: '本人撤回同意后，残疾等级将被删除。确定吗？', title: '农户', name: '姓名', idNumber: '身份证号', phone: '手机号', sex: '性别', F: '女', M: '男', age: '年龄', birthDate: '出生日期', village: '所在村',
    household: '家庭户', lowIncome: '低收入农户', disability: '残疾', disabilityGrade: '残疾等级', skills: '技能', hours: '每日可工作小时',
    baseline: '加入前月收入（元）', baselineSource: '收入来源', memberships: '所在工坊', periods: '低收入时段', minAge: '年龄不小于',
    reveal: '查看完整号码', revealReason: '查看原因（将记入审计日志）', revealWords: '说明（选择“其他”时必填）', revealHides: '{{n}} 秒后自动隐藏', revealed: '完整号码', enter: '纳入低收入', leave: '退出低收入', on: '日期',
    newTitle: '登记农户', derived: '出生日期 {{birth}}，{{sex}}（由身份证号得出）', invalidId: '身份证号无效：请核对位数、出生日期和最后一位校验码',
    duplicate: '该身份证号已登记', openExisting: '打开已有记录', masked: '号码已脱敏',
  },
  enterprise: { title: '企业', name: '企业名称', creditCode: '统一社会信用代码', region: '所在地', contact: '联系人', phone: '联系电话', industry: '行业', workshops: '合作工坊', newTitle: '登记企业', invalidCode: '统一社会信用代码无效（校验位不符）' },
  collective: { title: '村集体', name: '名称', kind: '类别', region: '所在地', creditCode: '统一社会信用代码', workshops: '工坊数', newTitle: '登记村集体' },
  roster: {
    title: '我的花名册', pick: '选择工坊', add: '添加成员', startOn: '加入日期', endOn: '离开日期', end: '离开', endConfirm: '确认 {{name}} 离开工坊？',
    empty: '花名册还没有成员', count: '在册 {{n}} 人', ended: '已离开', all: '含已离开',
  },
  imports: {
    title: '批量导入', kind: '导入内容', kinds: { workers: '农户', workshops: '工坊', enterprises: '企业' }, template: '下载导入模板',
    step1: '上传文件', step2: '检查', step3: '导入', upload: '选择或拖入 .xlsx / .csv 文件', uploadHint: 'CSV 支持 UTF-8 与 GBK 编码；表头可用中文或英文',
    checking: '正在检查…', summary: '共 {{total}} 行，{{valid}} 行无误，{{bad}} 处错误', encoding: '文件编码：{{enc}}', noErrors: '全部数据检查通过，可以导入',
    errorsTitle: '以下行有错误，整个文件不会导入。请修改后重新上传。', row: '行号', column: '列', value: '内容', message: '问题',
    preview: '预览（前 20 行）', confirm: '确认导入 {{n}} 行', importing: '正在导入…', done: '导入完成：{{n}} 行', again: '再导入一个文件', failed: '导入失败，未写入任何数据',
    atomic: '导入是整体的：要么全部写入，要么一条都不写入。', reupload: '重新上传',
  },
  sexes: { F: '女', M: '男' },
}
