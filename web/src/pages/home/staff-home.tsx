// Staff and collectives: the to-do list, then who they are, their region and shortcuts.
import { useState } from 'react'
import { Breadcrumb, Card, Col, Descriptions, Form, Row, Space, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { User } from '@gongfang/shared'
import { useCan } from '../../api/client'
import { fetchRegion, rootRegionOf } from '../../api/regions'
import { menuFor } from '../../app/menu'
import { MENU_ICONS } from '../../app/menu-icons'
import { EmptyState } from '../../components/empty-state'
import { RegionPicker } from '../../components/region-picker'
import { StaffWorkbench } from './staff-workbench'
import { StaffNotices } from './staff-notices'
import { Page } from '../../components/page'

function ScopePath({ code }: { code: string }) {
  const region = useQuery({
    queryKey: ['regions', 'detail', code],
    queryFn: () => fetchRegion(code),
    staleTime: Infinity,
  })
  if (!region.data) return <span>{code}</span>
  return <Breadcrumb items={region.data.path.map((p) => ({ key: p.code, title: p.name }))} />
}

function WhoAmI({ user }: { user: User }) {
  const { t } = useTranslation('home')
  const root = rootRegionOf(user)
  return (
    <Card title={t('whoAmI')}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'username', label: t('username'), children: <span translate="no">{user.username}</span> },
          {
            key: 'role',
            label: t('role'),
            children: (
              <Space size={4} wrap>
                <Tag color="red">{t(`common:roles.${user.role}`)}</Tag>
                {user.staffLevel && <Tag>{t(`common:staffLevels.${user.staffLevel}`)}</Tag>}
              </Space>
            ),
          },
          { key: 'scope', label: t('scope'), children: <ScopePath code={root} /> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('scopeHint')}
      </Typography.Paragraph>
    </Card>
  )
}

export default function StaffHome({ user }: { user: User }) {
  const can = useCan()
  const { t } = useTranslation('home')
  const [region, setRegion] = useState<string>()
  const shortcuts = menuFor(user).filter((e) => e.shortcut ?? e.path !== '/')

  return (
    <Page title={t('greeting', { name: user.displayName })} gap={16}>
      {can('notices.read') && <StaffNotices />}
      {can('workbench.read') && <StaffWorkbench />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <WhoAmI user={user} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('regionCard')}>
            <Form layout="vertical">
              <Form.Item
                label={t('common:region.label')}
                htmlFor="home-region"
                extra={t('regionHint')}
                style={{ marginBottom: 0 }}
              >
                <RegionPicker id="home-region" value={region} onChange={setRegion} />
              </Form.Item>
            </Form>
            {region && <Typography.Text type="secondary">{t('selected', { code: region })}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Card title={t('shortcuts')}>
        {shortcuts.length === 0 ? (
          <EmptyState description={t('noShortcuts')} />
        ) : (
          <Row gutter={[12, 12]}>
            {shortcuts.map((e) => (
              <Col key={e.key} xs={12} sm={8} md={6} xl={4}>
                <Link to={e.path}>
                  <Card hoverable size="small" styles={{ body: { textAlign: 'center', padding: '16px 8px' } }}>
                    <div style={{ fontSize: 24 }}>{MENU_ICONS[e.key]}</div>
                    <Typography.Text>{t(e.label)}</Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Page>
  )
}
