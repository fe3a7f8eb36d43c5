import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { consolePages } from '../app/pages';
import { can, logoutMutation, rememberSignedIn, useMe } from '../auth/session';
import { ErrorState } from '../components/ErrorState';
import { PageLoading } from '../components/PageLoading';
import { request } from '../graphql/client';
import { asApiError } from '../graphql/errors';
import { LanguageSwitch } from './LanguageSwitch';
import { menuRoutes } from './menu';

/**
 * The signed-in frame: the menu of the pages the operator may use (from their permissions in
 * `me`), the language switch and the user menu. Pages render in its outlet.
 */
export default function Shell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();

  const logout = useMutation({
    mutationFn: () => request(logoutMutation),
    onSuccess: () => {
      rememberSignedIn(false);
      // The login page drops what this session cached.
      void navigate('/login', { replace: true });
      void message.success(t('user.loggedOut'));
    },
  });

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    // No session: client.ts is already taking the page to login.
    if (asApiError(me.error).has('UNAUTHENTICATED')) return <PageLoading />;
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }

  const pages = consolePages.filter((p) => can(me.data, p.perms));
  const hrefOf = new Map(pages.map((p) => [p.path, p.href]));

  return (
    <ProLayout
      title={t('app.title')}
      logo="/favicon.svg"
      layout="mix"
      fixSiderbar
      fixedHeader
      location={{ pathname: location.pathname }}
      route={{
        path: '/',
        routes: menuRoutes(
          pages,
          (p) => t(`menu.${p.label}`),
          (g) => t(`menuGroup.${g}`),
        ),
      }}
      // Groups as headings with their pages always in view: one click to any page.
      menu={{ locale: false, type: 'group' }}
      menuItemRender={(item, dom) => {
        const href = item.path && hrefOf.get(item.path);
        // Pages the server serves itself (GraphiQL) load as documents of their own.
        if (href) return <a href={href}>{dom}</a>;
        return <Link to={item.path ?? '/'}>{dom}</Link>;
      }}
      onMenuHeaderClick={() => void navigate('/')}
      actionsRender={() => [<LanguageSwitch key="language" />]}
      avatarProps={{
        size: 'small',
        icon: <UserOutlined />,
        title: (
          <span data-testid="user-menu">
            {me.data.name}
            {me.data.role && ` · ${t(`role.${me.data.role}`)}`}
          </span>
        ),
        render: (_, dom) => (
          <Dropdown
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), disabled: logout.isPending }],
              onClick: () => logout.mutate(),
            }}
          >
            {dom}
          </Dropdown>
        ),
      }}
    >
      <Outlet />
    </ProLayout>
  );
}
