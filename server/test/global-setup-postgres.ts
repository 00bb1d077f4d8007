import { buildTemplate } from './global-setup.ts'
export default () => buildTemplate('postgres')
