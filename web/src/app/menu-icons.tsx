import type { ReactNode } from 'react'
import { HomeOutlined } from '@ant-design/icons'
import { ShoppingCartOutlined } from '@ant-design/icons'
import { AimOutlined, ReadOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons'
import { CalculatorOutlined, FileTextOutlined, FundOutlined, WalletOutlined } from '@ant-design/icons'
import { DashboardOutlined, LineChartOutlined } from '@ant-design/icons'
import {
  AuditOutlined,
  SafetyCertificateOutlined,
  BankOutlined,
  PieChartOutlined,
  ShopOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons'
import {
  ClusterOutlined,
  ContactsOutlined,
  IdcardOutlined,
  ShopOutlined as RegistryShopOutlined,
  TeamOutlined as RosterOutlined,
  UploadOutlined,
} from '@ant-design/icons'

/**
 * The menu's icons, by menu entry key (menu.tsx). Apart from the entries because the routes, and so menu.tsx, are
 * in every page's first download, the login and public pages too; the icons are needed only by the signed-in
 * shell and the workbench. Every entry shown in a menu has one (menu-groups.test.ts checks).
 */
export const MENU_ICONS: Readonly<Record<string, ReactNode>> = {
  home: <HomeOutlined />,
  workshops: <ClusterOutlined />,
  roster: <RosterOutlined />,
  workers: <IdcardOutlined />,
  enterprises: <RegistryShopOutlined />,
  collectives: <ContactsOutlined />,
  imports: <UploadOutlined />,
  ratings: <StarOutlined />,
  training: <ReadOutlined />,
  targets: <AimOutlined />,
  talent: <TeamOutlined />,
  'day-sheet': <CalculatorOutlined />,
  paysheets: <FileTextOutlined />,
  payments: <BankOutlined />,
  'my-wages': <WalletOutlined />,
  'workshop-income': <FundOutlined />,
  orders: <ShoppingCartOutlined />,
  'my-orders': <ShoppingCartOutlined />,
  users: <SafetyCertificateOutlined />,
  audit: <AuditOutlined />,
  cockpit: <DashboardOutlined />,
  income: <LineChartOutlined />,
  'collective-income': <BankOutlined />,
  'profit-sharing': <PieChartOutlined />,
  sales: <VideoCameraOutlined />,
  partners: <ShopOutlined />,
}
