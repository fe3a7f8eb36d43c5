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
  FileSearchOutlined,
  DisconnectOutlined,
  FundOutlined,
  PieChartOutlined,
  ScheduleOutlined,
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
 * The menu's groups, in order: how a property office divides its work. Labels are under
 * menuGroup in the language files.
 */
export const menuGroups = ['business', 'meters', 'registry', 'finance', 'reports', 'system'] as const;
export type MenuGroup = (typeof menuGroups)[number];

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
  /** The menu group it is listed under; none: at the top of the menu (the dashboard). */
  group?: MenuGroup;
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
    group: 'business',
    perms: [Permission.ReadAccounts, Permission.Sell],
    load: () => import('../pages/desk/DeskPage'),
  },
  {
    path: '/accounts',
    label: 'accounts',
    icon: <TeamOutlined />,
    group: 'business',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/accounts/AccountsPage'),
  },
  {
    path: '/accounts/:id',
    label: 'accounts',
    icon: <TeamOutlined />,
    group: 'business',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/accounts/AccountDetailPage'),
    hideInMenu: true,
  },
  {
    path: '/alarms',
    label: 'alarms',
    icon: <AlertOutlined />,
    group: 'meters',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/alarms/AlarmsPage'),
  },
  {
    path: '/energy',
    label: 'energy',
    icon: <BarChartOutlined />,
    group: 'meters',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/energy/EnergyPage'),
  },
  {
    path: '/orders',
    label: 'orders',
    icon: <WalletOutlined />,
    group: 'business',
    perms: [Permission.Recharge],
    load: () => import('../pages/orders/OrdersPage'),
  },
  {
    path: '/apportion',
    label: 'apportion',
    icon: <PartitionOutlined />,
    group: 'finance',
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/apportion/ApportionPage'),
  },
  {
    path: '/apportion/runs/:id',
    label: 'apportion',
    icon: <PartitionOutlined />,
    group: 'finance',
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/apportion/ApportionRunPage'),
    hideInMenu: true,
  },
  {
    path: '/reports/sales',
    label: 'salesReport',
    icon: <BarChartOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/reports/SalesReportPage'),
  },
  {
    path: '/reports/settlement',
    label: 'settlement',
    icon: <ProfileOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/reports/SettlementPage'),
  },
  {
    path: '/reports/charges',
    label: 'chargesReport',
    icon: <ThunderboltOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts],
    load: () => import('../pages/reports/ChargesReportPage'),
  },
  {
    path: '/reports/arrears',
    label: 'reportArrears',
    icon: <FundOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/reports/ArrearsPage'),
  },
  {
    path: '/reports/snapshot',
    label: 'reportSnapshot',
    icon: <FileSearchOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/reports/SnapshotPage'),
  },
  {
    path: '/reports/offline',
    label: 'reportOffline',
    icon: <DisconnectOutlined />,
    group: 'reports',
    perms: [Permission.ReadSite],
    load: () => import('../pages/reports/OfflinePage'),
  },
  {
    path: '/reports/alarms',
    label: 'reportAlarms',
    icon: <ScheduleOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/reports/AlarmStatsPage'),
  },
  {
    path: '/reports/apportion',
    label: 'reportApportion',
    icon: <PieChartOutlined />,
    group: 'reports',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/reports/StatementPage'),
  },
  {
    path: '/operators',
    label: 'operators',
    icon: <IdcardOutlined />,
    group: 'system',
    perms: [Permission.ManageOperators],
    load: () => import('../pages/operators/OperatorsPage'),
  },
  {
    path: '/api-keys',
    label: 'apiKeys',
    icon: <KeyOutlined />,
    group: 'system',
    perms: [Permission.ManageOperators],
    load: () => import('../pages/apikeys/ApiKeysPage'),
  },
  {
    path: '/audit',
    label: 'audit',
    icon: <AuditOutlined />,
    group: 'system',
    perms: [Permission.ReadAudit],
    load: () => import('../pages/audit/AuditPage'),
  },
  {
    path: '/settings',
    label: 'settings',
    icon: <SettingOutlined />,
    group: 'system',
    perms: [Permission.ReadSite],
    load: () => import('../pages/settings/SettingsPage'),
  },
  {
    path: '/tariffs',
    label: 'tariffs',
    icon: <ThunderboltOutlined />,
    group: 'meters',
    perms: [Permission.ReadSite],
    load: () => import('../pages/tariffs/TariffsPage'),
  },
  {
    path: '/schedules',
    label: 'schedules',
    icon: <ClockCircleOutlined />,
    group: 'meters',
    perms: [Permission.ReadSite],
    load: () => import('../pages/schedules/SchedulesPage'),
  },
  {
    path: '/site/sites',
    label: 'sites',
    icon: <EnvironmentOutlined />,
    group: 'registry',
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/SitesPage'),
  },
  {
    path: '/site/buildings',
    label: 'buildings',
    icon: <BankOutlined />,
    group: 'registry',
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/BuildingsPage'),
  },
  {
    path: '/site/gateways',
    label: 'gateways',
    icon: <ClusterOutlined />,
    group: 'registry',
    perms: [Permission.ReadSite],
    load: () => import('../pages/site/GatewaysPage'),
  },
  {
    path: '/site/meters',
    label: 'siteMeters',
    icon: <ProfileOutlined />,
    group: 'registry',
    perms: [Permission.ReadSite, Permission.ReadAccounts],
    load: () => import('../pages/site/MetersRegistryPage'),
  },
  {
    path: '/site/import',
    label: 'siteImport',
    icon: <CloudUploadOutlined />,
    group: 'registry',
    perms: [Permission.ReadSite, Permission.ManageMeters],
    load: () => import('../pages/site/ImportPage'),
  },
  {
    path: '/meters',
    label: 'meters',
    icon: <ControlOutlined />,
    group: 'meters',
    perms: [Permission.ReadAccounts, Permission.ReadSite],
    load: () => import('../pages/meters/MetersPage'),
  },
  {
    path: '/graphiql',
    label: 'graphiql',
    icon: <ApiOutlined />,
    group: 'system',
    perms: [],
    href: '/graphiql',
  },
];
