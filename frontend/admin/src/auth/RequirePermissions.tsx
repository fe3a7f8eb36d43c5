import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe, type Permission } from './session';

/** Shows children only to an operator holding every one of perms. */
export function RequirePermissions({ perms, children }: { perms: Permission[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null; // the frame (Shell) waits for me before rendering pages
  if (!can(me, perms)) return <Result status="403" title={t('error.noAccessTitle')} subTitle={t('error.noAccess')} />;
  return children;
}
