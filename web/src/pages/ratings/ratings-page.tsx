import { useTranslation } from 'react-i18next'
import { TabbedPage } from '../../components/tabbed-page'
import { CriteriaTab } from './criteria-tab'
import { RatingsTab } from './ratings-tab'
import { DemonstrationTab, ImprovementTab } from './recognition-tabs'

export default function RatingsPage() {
  const { t } = useTranslation('ratings')
  return (
    <TabbedPage
      title={t('title')}
      items={[
        { key: 'ratings', label: t('tabs.ratings'), children: <RatingsTab /> },
        { key: 'demonstration', label: t('tabs.demonstration'), children: <DemonstrationTab /> },
        { key: 'improvement', label: t('tabs.improvement'), children: <ImprovementTab /> },
        { key: 'criteria', label: t('tabs.criteria'), children: <CriteriaTab /> },
      ]}
    />
  )
}

