import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import i18n from './index'

// dayjs follows the UI language. Imported by the pages that show dates (the signed-in shell, /public), not by the
// i18n setup itself, so that the login page does not load dayjs.
const follow = (lng: string | undefined) => void dayjs.locale(lng === 'en' ? 'en' : 'zh-cn')
follow(i18n.language)
i18n.on('languageChanged', follow)
