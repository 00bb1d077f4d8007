export default {
  title: 'Log in',
  subtitle: 'Common Prosperity Workshops of Zhejiang',
  username: 'Username',
  password: 'Password',
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  submit: 'Log in',
  failed: 'Login failed',
  demoHint: 'Demo: accounts admin, zhejiang, lishui, qingyuan, longquan, township, collective, operator, enterprise, worker; password {{password}} for all',
  demoTitle: 'Demo accounts',
  footer: 'Enterprise + village + farmers: work brought to the doorstep',
}
