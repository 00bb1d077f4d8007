import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Allocation, Order, OrderDetail, Plan, SettlementLine } from '@gongfang/shared/orders'
import type { Page } from '@gongfang/shared'
import { apiGet, apiSend, type Query } from '../../api/client'
import { today as chinaToday } from '@gongfang/shared/clock'

export type { Allocation, Order, OrderDetail, Plan, SettlementLine }

export const ordersKey = ['orders'] as const

export function useOrders(query: Query) {
  return useQuery({ queryKey: [...ordersKey, 'list', query], queryFn: ({ signal }) => apiGet<Page<Order>>('/api/orders', query, signal) })
}

export function useOrder(id: string | undefined) {
  return useQuery({ queryKey: [...ordersKey, 'detail', id], queryFn: ({ signal }) => apiGet<OrderDetail>(`/api/orders/${id}`, undefined, signal), enabled: !!id })
}

export function useAllocations(query: Query) {
  return useQuery({ queryKey: [...ordersKey, 'allocations', query], queryFn: ({ signal }) => apiGet<{ items: Allocation[] }>('/api/allocations', query, signal) })
}

export function useArrears(query: Query) {
  return useQuery({
    queryKey: [...ordersKey, 'arrears', query],
    queryFn: ({ signal }) => apiGet<{ items: SettlementLine[]; overdueFen: number }>('/api/arrears', query, signal),
  })
}

/** A write that refreshes everything about orders when it succeeds. */
export function useOrderAction<A, R = unknown>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient()
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ordersKey }) })
}

export const send = apiSend
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
