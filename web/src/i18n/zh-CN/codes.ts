/** Chinese words for the codes the API sends: one map per code list; a code not listed shows as itself. */
export default {
  skill: {
    sorting: '分拣', packing: '包装', sewing: '缝纫', assembly: '组装', weaving: '编织', embroidery: '刺绣', livestream: '直播带货',
    cooking: '农家餐饮', farming: '种养殖', guiding: '导游讲解', bamboo: '竹编', bamboo_weaving: '竹编', woodwork: '木工',
    mushroom: '食用菌', drying: '烘干', ecommerce: '电商运营', quality: '质量检验', machinery: '机械维修', hospitality: '民宿接待',
  },
  solverStatus: {
    optimal: '最优方案', time_limit: '限时内最好方案', iteration_limit: '迭代上限内最好方案', solution_limit: '可行方案', objective_bound: '可行方案',
    objective_target: '可行方案', infeasible: '无可行方案', unbounded: '模型无界', unbounded_or_infeasible: '无可行方案', no_candidates: '没有候选工坊',
    empty: '无需分配', unknown: '未知', interrupt: '已中断', not_set: '未求解', load_error: '求解出错', model_error: '求解出错', presolve_error: '求解出错',
    solve_error: '求解出错', postsolve_error: '求解出错', greedy_fallback: '（已改用就近派单）',
  },
  importField: {
    name: '名称', idNumber: '身份证号', phone: '手机号', regionName: '村名', regionCode: '村代码', household: '家庭户', lowIncomeSince: '低收入农户认定日期',
    disabilityConsentOn: '残疾信息同意日期', disabilityConsentWitness: '同意见证人', disabilityGrade: '残疾等级', skills: '技能', hoursPerDay: '每日可工作小时', baselineMonthlyIncome: '加入前月收入（元）',
    baselineMonthlyIncomeFen: '加入前月收入', baselineSource: '收入来源', sex: '性别', birthDate: '出生日期', type: '类型', address: '地址', lng: '经度',
    lat: '纬度', floorAreaM2: '面积（平方米）', dailyCapacity: '日产能（件）', workerPlaces: '岗位数', status: '状态', openedOn: '开办日期',
    creditCode: '统一社会信用代码', contactName: '联系人', contactPhone: '联系电话', industry: '行业', row: '行号',
  },
}
