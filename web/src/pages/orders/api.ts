import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Allocation, Order, OrderDetail, Plan, SettlementLine } from '@gongfang/shared/orders'
import { api, ok, type QueryOf } from '../../api/client'
import { today as chinaToday } from '@gongfang/shared/clock'

export type { Allocation, Order, OrderDetail, Plan, SettlementLine }

export const ordersKey = ['orders'] as const

export function useOrders(query: QueryOf<'/orders'>) {
  return useQuery({ queryKey: [...ordersKey, 'list', query], queryFn: ({ signal }) => api.GET('/orders', { params: { query }, signal }).then(ok) })
}

export function useOrder(id: string | undefined) {
  return useQuery({ queryKey: [...ordersKey, 'detail', id], queryFn: ({ signal }) => api.GET('/orders/{id}', { params: { path: { id: id! } }, signal }).then(ok), enabled: !!id })
}

export function useAllocations(query: QueryOf<'/allocations'>) {
  return useQuery({ queryKey: [...ordersKey, 'allocations', query], queryFn: ({ signal }) => api.GET('/allocations', { params: { query }, signal }).then(ok) })
}

export function useArrears(query: QueryOf<'/arrears'>) {
  return useQuery({
    queryKey: [...ordersKey, 'arrears', query],
    queryFn: ({ signal }) => api.GET('/arrears', { params: { query }, signal }).then(ok),
  })
}

/** A write that refreshes everything about orders when it succeeds. */
export function useOrderAction<A, R = unknown>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ordersKey }) })
}

export { centifenToYuan, yuanToCentifen, yuanToFen } from './units'

export const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  open: 'blue',
  allocated: 'cyan',
  in_production: 'orange',
  delivered: 'green',
  settled: 'success',
  cancelled: 'default',
  offered: 'gold',
  accepted: 'green',
  declined: 'red',
}

export const today = () => chinaToday()
