export default {
  title: '登录',
  subtitle: '浙江省共富工坊管理平台',
  username: '用户名',
  password: '密码',
  usernameRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  submit: '登录',
  failed: '登录失败',
  demoHint: '演示环境：账号 admin、zhejiang、lishui、qingyuan、longquan、township、collective、operator、enterprise、worker，密码均为 {{password}}',
  demoTitle: '演示账号',
  footer: '企业 + 村社 + 农户，把就业送到家门口',
}
