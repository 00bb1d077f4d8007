import { useTranslation } from 'react-i18next'

/** Words for codes (i18n namespace `codes`): a code without a word shows as itself rather than as a key. */
export function useCodeLabels() {
  const { t } = useTranslation('codes')
  const word = (list: string, code: string) => t(`${list}.${code}`, { defaultValue: code })
  return {
    skill: (code: string) => word('skill', code),
    skills: (codes: readonly string[], sep = '、') => codes.map((c) => word('skill', c)).join(sep),
    /** HiGHS statuses, plus the planner's own `…_greedy_fallback` suffix. */
    solverStatus: (code: string) => {
      const fallback = code.endsWith('_greedy_fallback')
      const base = fallback ? code.slice(0, -'_greedy_fallback'.length) : code
      return word('solverStatus', base) + (fallback ? t('solverStatus.greedy_fallback') : '')
    },
    importField: (key: string) => word('importField', key),
  }
}
