import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  ControlOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  IdcardOutlined,
  KeyOutlined,
  PartitionOutlined,
  ProfileOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Messages } from '../i18n/zh-CN';
import { Permission } from '../auth/session';

/**
 * One page of the console: its route, its menu entry and the permissions it needs. The menu
 * shows a page only to operators holding all of them (from `me`), and the route refuses the
 * others. Adding a page is adding an entry here (see docs/FRONTEND.md).
 */
export interface ConsolePage {
  /** The route, absolute. */
  path: string;
  /** The menu label's key under menu. */
  label: keyof Messages['menu'];
  icon: ReactNode;
  /** Every permission the page needs. */
  perms: Permission[];
  /** The page's module, loaded when first visited. */
  load?: () => Promise<{ default: ComponentType }>;
  /** A page the server serves on its own (a full page load, not a route of this app). */
  href?: string;
  /** A route reached from another page (a detail page), not listed in the menu. */
  hideInMenu?: boolean;
}

export const consolePages: ConsolePage[] = [
  {
    path: '/',
    label: 'dashboard',
    icon: <DashboardOutlined />,
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/dashboard/DashboardPage'),
  },
  {
    path: '/desk',
    label: 'desk',
    icon: <ShopOutlined />,
    perms: [Permission.ReadAccounts, Permission.Sell],
    load: () => import('../pages/desk/DeskPage'),
  },
  {
    path: '/accounts',
    label: 'accounts',
    icon: <TeamOutlined />,
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/accounts/AccountsPage'),
  },
  {
    path: '/accounts/:id',
    label: 'accounts',
    icon: <TeamOutlined />,
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/accounts/AccountDetailPage'),
    hideInMenu: true,
  },
  {
    path: '/alarms',
    label: 'alarms',
    icon: <AlertOutlined />,
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/alarms/AlarmsPage'),
  },
  {
    path: '/energy',
    label: 'energy',
    icon: <BarChartOutlined />,
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/energy/EnergyPage'),
  },
  {
    path: '/orders',
    label: 'orders',
    icon: <WalletOutlined />,
    perms: [Permission.Recharge],
    load: () => import('../pages/orders/OrdersPage'),
  },
  {
    path: '/apportion',
    label: 'apportion',
    icon: <PartitionOutlined />,
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/apportion/ApportionPage'),
  },
  {
    path: '/apportion/runs/:id',
    label: 'apportion',
    icon: <PartitionOutlined />,
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/apportion/ApportionRunPage'),
    hideInMenu: true,
  },
  {
    path: '/operators',
    label: 'operators',
    icon: <IdcardOutlined />,
    perms: [Permission.ManageOperators],
    load: () => import('../pages/operators/OperatorsPage'),
  },
  {
    path: '/api-keys',
    label: 'apiKeys',
    icon: <KeyOutlined />,
    perms: [Permission.ManageOperators],
    load: () => import('../pages/apikeys/ApiKeysPage'),
  },
  {
    path: '/audit',
    label: 'audit',
    icon: <AuditOutlined />,
    perms: [Permission.ReadAudit],
    load: () => import('../pages/audit/AuditPage'),
  },
  {
    path: '/settings',
    label: 'settings',
    icon: <SettingOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/settings/SettingsPage'),
  },
  {
    path: '/tariffs',
    label: 'tariffs',
    icon: <ThunderboltOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/tariffs/TariffsPage'),
  },
  {
    path: '/schedules',
    label: 'schedules',
    icon: <ClockCircleOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/schedules/SchedulesPage'),
  },
  {
    path: '/site/sites',
    label: 'sites',
    icon: <EnvironmentOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/SitesPage'),
  },
  {
    path: '/site/buildings',
    label: 'buildings',
    icon: <BankOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/BuildingsPage'),
  },
  {
    path: '/site/gateways',
    label: 'gateways',
    icon: <ClusterOutlined />,
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/GatewaysPage'),
  },
  {
    path: '/site/meters',
    label: 'siteMeters',
    icon: <ProfileOutlined />,
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/site/MetersRegistryPage'),
  },
  {
    path: '/site/import',
    label: 'siteImport',
    icon: <CloudUploadOutlined />,
    perms: [Permission.ReadSite, Permission.ManageMeters],
    load: () => import('../pages/site/ImportPage'),
  },
  {
    path: '/meters',
    label: 'meters',
    icon: <ControlOutlined />,
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/meters/MetersPage'),
  },
  {
    path: '/graphiql',
    label: 'graphiql',
    icon: <ApiOutlined />,
    perms: [],
    href: '/graphiql',
  },
];
