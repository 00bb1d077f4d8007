import { useEffect, useMemo, useState } from 'react'
import { TreeSelect } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CODE_LENGTH, type Region } from '@gongfang/shared'
import { useMe } from '../api/client'
import { fetchChildren, fetchRegion, rootRegionOf, searchRegions } from '../api/regions'

interface Node {
  id: string
  pId: string | null
  value: string
  title: string
  isLeaf: boolean
}

/** Codes between root (inclusive) and code (exclusive): a region's code is a prefix of its children's. */
function ancestorsWithin(code: string, root: string): string[] {
  return Object.values(CODE_LENGTH)
    .filter((n) => n >= root.length && n < code.length)
    .map((n) => code.slice(0, n))
    .filter((c) => c.startsWith(root))
}

const toNode = (r: Pick<Region, 'code' | 'name' | 'parentCode' | 'hasChildren'>): Node => ({
  id: r.code,
  pId: r.parentCode,
  value: r.code,
  title: r.name,
  isLeaf: !r.hasChildren,
})

export interface RegionPickerProps {
  value?: string | null
  onChange?: (code: string | undefined) => void
  /** Defaults to the user's scope: admin '33', everyone else their region. */
  rootCode?: string
  placeholder?: string
  allowClear?: boolean
  disabled?: boolean
  style?: React.CSSProperties
  id?: string
}

/** Region tree with lazy levels and name search, rooted at the user's scope. Works in antd Form. */
export function RegionPicker({ value, onChange, rootCode, placeholder, allowClear = true, disabled, style, id }: RegionPickerProps) {
  const { t } = useTranslation()
  const me = useMe()
  const root = rootCode ?? (me.data ? rootRegionOf(me.data) : undefined)
  const qc = useQueryClient()
  // Nodes below the first level, added as the user opens them; the root and its first level come from queries.
  const [deeper, setDeeper] = useState<Map<string, Node>>(new Map())
  const [search, setSearch] = useState('')
  const [term, setTerm] = useState('')
  const [expanded, setExpanded] = useState<(string | number)[]>([])

  // Every level is read through the query cache: a level being fetched is fetched once however many callers ask,
  // a failed fetch is retried and then reported (never remembered as loaded), and a loaded level is not fetched again.
  const childrenQuery = (parent: string) => ({
    queryKey: ['regions', 'children', parent],
    queryFn: () => fetchChildren(parent),
    staleTime: Infinity,
  })
  const addChildren = async (parent: string) => {
    const kids = await qc.fetchQuery({ ...childrenQuery(parent), retry: 2 })
    if (parent === root) return
    setDeeper((m) => new Map([...m, ...kids.map((k) => [k.code, toNode(k)] as const)]))
  }

  // Root node and its first level, so the picker opens expanded.
  const rootQuery = useQuery({ queryKey: ['regions', 'detail', root], queryFn: () => fetchRegion(root!), enabled: !!root, staleTime: Infinity })
  const rootKids = useQuery({ ...childrenQuery(root ?? ''), enabled: !!root })
  useEffect(() => {
    setDeeper(new Map())
    setExpanded(root ? [root] : [])
  }, [root])
  const nodes = useMemo(() => {
    const m = new Map<string, Node>()
    if (rootQuery.data) m.set(rootQuery.data.code, { ...toNode(rootQuery.data), pId: null })
    for (const k of rootKids.data ?? []) m.set(k.code, toNode(k))
    for (const [code, n] of deeper) m.set(code, n)
    return m
  }, [rootQuery.data, rootKids.data, deeper])

  // Load the levels down to a code (a saved form's value, a search hit), so it shows by name in its place.
  const loadPathTo = async (code: string) => {
    const path = ancestorsWithin(code, root ?? code)
    await Promise.all(path.map((a) => addChildren(a))).catch(() => undefined)
    setExpanded((keys) => [...new Set([...keys, ...path])])
  }
  useEffect(() => {
    if (value && root && !nodes.has(value) && value.startsWith(root)) void loadPathTo(value)
  }, [value, root, nodes])

  // Debounced name search within the root.
  useEffect(() => {
    const id = setTimeout(() => setTerm(search.trim()), 300)
    return () => clearTimeout(id)
  }, [search])
  const found = useQuery({
    queryKey: ['regions', 'search', root, term],
    queryFn: () => searchRegions(term, root!),
    enabled: !!root && term.length > 0,
  })

  const treeData = useMemo(() => {
    if (term && found.data) {
      // Flat results, each named with its parent so same-named villages can be told apart.
      return found.data.map((r) => ({
        ...toNode(r),
        pId: null,
        isLeaf: true,
        title: `${r.name}${r.parentCode && nodes.get(r.parentCode) ? ` · ${nodes.get(r.parentCode)!.title}` : ''}`,
      }))
    }
    return [...nodes.values()]
  }, [nodes, term, found.data])

  return (
    <TreeSelect<string>
      id={id}
      treeDataSimpleMode
      treeData={treeData}
      value={value ?? undefined}
      onChange={async (v) => {
        setSearch('')
        if (v && !nodes.has(v)) await loadPathTo(v)
        onChange?.(v ?? undefined)
      }}
      loadData={(n) => addChildren(String(n.value))}
      treeExpandedKeys={term ? [] : expanded}
      onTreeExpand={(keys) => { if (!term) setExpanded(keys as (string | number)[]) }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      placeholder={placeholder ?? t('region.placeholder')}
      notFoundContent={found.isFetching || rootQuery.isPending || rootKids.isPending ? t('region.loading') : undefined}
      allowClear={allowClear}
      disabled={disabled || !root}
      loading={rootQuery.isPending || rootKids.isPending}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto', minWidth: 240 } } }}
    />
  )
}
