import { useState } from 'react'
import { App, Button, Card, List, Space, Tag, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/client'
import { fetchApprovalRules, setApprovalRule, wagesKeys } from '../../api/wages'
import { RegionPicker } from '../../components/region-picker'

/** Staff: where an operator's lock of a pay sheet must first be approved (township, county …). */
export function ApprovalRulesCard() {
  const { t } = useTranslation('wages')
  const { message } = App.useApp()
  const qc = useQueryClient()
  const me = useMe().data
  const [region, setRegion] = useState<string>()
  const rules = useQuery({ queryKey: wagesKeys.approvalRules, queryFn: fetchApprovalRules })
  const change = useMutation({
    mutationFn: ({ code, required }: { code: string; required: boolean; name: string }) => setApprovalRule(code, required),
    onSuccess: async (_r, v) => {
      message.success(t(v.required ? 'paysheets.approval.added' : 'paysheets.approval.removed', { name: v.name }))
      setRegion(undefined)
      await qc.invalidateQueries({ queryKey: wagesKeys.approvalRules })
    },
    onError: (e) => message.error((e as Error).message),
  })
  // The administrator is bound to no region: every rule is theirs.
  const mine = (code: string) => !!me && (me.regionCode === null || code.startsWith(me.regionCode))

  return (
    <Card size="small" title={t('paysheets.approval.title')} data-testid="approval-rules">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('paysheets.approval.help')}</Typography.Paragraph>
      <List
        size="small"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        locale={{ emptyText: t('paysheets.approval.empty') }}
        renderItem={(r) => (
          <List.Item
            actions={
              mine(r.regionCode)
                ? [
                    <Button key="rm" size="small" danger data-testid={`approval-remove-${r.regionCode}`} onClick={() => change.mutate({ code: r.regionCode, required: false, name: r.regionName ?? r.regionCode })}>
                      {t('paysheets.approval.remove')}
                    </Button>,
                  ]
                : [<Tag key="up">{t('paysheets.approval.inherited')}</Tag>]
            }
          >
            <List.Item.Meta
              title={`${r.regionName ?? ''} ${r.regionCode}`}
              description={`${t('paysheets.approval.since')} ${r.createdAt.slice(0, 10)}${r.createdBy ? ` · ${t('paysheets.approval.by')} ${r.createdBy}` : ''}`}
            />
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', maxWidth: 480, marginTop: 8 }}>
        <RegionPicker value={region} onChange={setRegion} placeholder={t('paysheets.approval.pick')} style={{ flex: 1 }} id="approval-region" />
        <Button
          type="primary"
          disabled={!region}
          loading={change.isPending}
          data-testid="approval-add"
          onClick={() => region && change.mutate({ code: region, required: true, name: region })}
        >
          {t('paysheets.approval.add')}
        </Button>
      </Space.Compact>
    </Card>
  )
}
