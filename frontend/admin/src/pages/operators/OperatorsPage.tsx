import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormSelect, ProFormSwitch, ProFormText, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Form, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { CursorTable } from '../../components/CursorTable';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { graphql } from '../../gql';
import { Role, type OperatorInput, type OperatorsPageQuery, type Permission } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { passwordRule, sameAsRule } from '../../lib/password';
import { formatTime } from '../../lib/time';

const operatorsQuery = graphql(`
  query OperatorsPage($first: Int, $after: String, $last: Int, $before: String) {
    operators(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        username
        displayName
        role
        disabled
        createdAt
        lastLoginAt
      }
    }
  }
`);

const createOperator = graphql(`
  mutation CreateOperator($input: OperatorInput!) {
    createOperator(input: $input) {
      id
    }
  }
`);

const updateOperator = graphql(`
  mutation UpdateOperator($id: ID!, $input: OperatorInput!) {
    updateOperator(id: $id, input: $input) {
      id
      role
      disabled
      displayName
    }
  }
`);

// Every role with its permissions, from the server: the role field offers what the server knows,
// and shows what each grants.
const rolesQuery = graphql(`
  query OperatorRoles {
    roles {
      role
      permissions
    }
  }
`);

type Row = OperatorsPageQuery['operators']['nodes'][number];

const roleColour: Partial<Record<Role, string>> = { admin: 'red', manager: 'blue', cashier: 'green', finance: 'gold', viewer: 'default' };

/** The people who sign in to the console: their roles, who may sign in, their passwords. */
export default function OperatorsPage() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['operators'] });
  const me = useMe().data;

  const columns: ProColumns<Row>[] = [
    { title: t('operators.username'), dataIndex: 'username' },
    { title: t('operators.displayName'), dataIndex: 'displayName' },
    { title: t('operators.role'), dataIndex: 'role', render: (_, o) => <Tag color={roleColour[o.role] ?? 'default'}>{t(`role.${o.role}`, { defaultValue: o.role })}</Tag> },
    {
      title: t('operators.state'),
      dataIndex: 'disabled',
      render: (_, o) => (o.disabled ? <Badge status="default" text={t('operators.disabled')} /> : <Badge status="success" text={t('operators.enabled')} />),
    },
    { title: t('operators.lastLoginAt'), dataIndex: 'lastLoginAt', render: (_, o) => formatTime(o.lastLoginAt, 'minute') || t('operators.never') },
    { title: t('operators.createdAt'), dataIndex: 'createdAt', render: (_, o) => formatTime(o.createdAt, 'minute') },
    {
      title: t('crud.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => (
        <Space size={0}>
          <OperatorForm operator={o} onDone={refresh} self={me?.kind === 'operator' && me.id === o.id} />
          <PasswordForm operator={o} />
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('operators.title')} subTitle={t('operators.subtitle')}>
      <CursorTable<Row>
        testId="operators-table"
        queryKey={['operators']}
        load={(page, signal) => request(operatorsQuery, page, signal).then((d) => d.operators)}
        rowKey="id"
        columns={columns}
        toolBar={[<OperatorForm key="create" onDone={refresh} />]}
        exportList="operators"
      />
    </PageContainer>
  );
}

interface OperatorValues {
  username: string;
  displayName?: string;
  role: Role;
  password?: string;
  disabled: boolean;
}

/** Creates an operator, or edits one (role, name, disabled). */
function OperatorForm({ operator, onDone, self }: { operator?: Row; onDone: () => void; self?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<OperatorValues>();
  const editing = !!operator;
  const roles = useRoles();
  const byRole = new Map((roles.data?.roles ?? []).map((r) => [r.role, r.permissions]));
  return (
    <ModalForm<OperatorValues>
      title={editing ? t('operators.edit', { name: operator.username }) : t('operators.create')}
      form={form}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      initialValues={operator ? { ...operator } : { role: Role.Cashier, disabled: false }}
      trigger={
        editing ? (
          <Button type="link" size="small">
            {t('crud.edit')}
          </Button>
        ) : (
          <Button type="primary" icon={<PlusOutlined />} data-testid="create-operator">
            {t('operators.create')}
          </Button>
        )
      }
      onFinish={async (v) => {
        const input: OperatorInput = {
          username: v.username.trim(),
          displayName: v.displayName?.trim() ?? '',
          role: v.role,
          disabled: v.disabled,
        };
        if (!editing) input.password = v.password;
        try {
          if (editing) await request(updateOperator, { id: operator.id, input });
          else await request(createOperator, { input });
          void message.success(t('crud.saved'));
          onDone();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <ProFormText
        name="username"
        label={t('operators.username')}
        rules={[
          { required: true, whitespace: true, message: t('operators.usernameRequired') },
          { max: 64, message: t('crud.maxLength', { max: 64 }) },
        ]}
      />
      <ProFormText name="displayName" label={t('operators.displayName')} rules={[{ max: 100, message: t('crud.maxLength', { max: 100 }) }]} />
      <ProFormSelect
        name="role"
        label={t('operators.role')}
        rules={[{ required: true, message: t('operators.roleRequired') }]}
        disabled={self}
        extra={self ? t('operators.selfRole') : undefined}
        fieldProps={{
          loading: roles.isPending,
          optionLabelProp: 'label',
          optionRender: (o) => <RoleOption role={o.value as Role} permissions={byRole.get(o.value as Role) ?? []} />,
          popupMatchSelectWidth: 440,
        }}
        options={(roles.data?.roles ?? []).map((r) => ({ value: r.role, label: t(`role.${r.role}`, { defaultValue: r.role }) }))}
      />
      {roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <Form.Item noStyle shouldUpdate={(a, b) => a.role !== b.role}>
          {({ getFieldValue }) => {
            const role = getFieldValue('role') as Role | undefined;
            const perms = role ? byRole.get(role) : undefined;
            return perms ? (
              <Form.Item label={t('operators.rolePermissions')} data-testid="role-permissions">
                <PermissionTags permissions={perms} />
              </Form.Item>
            ) : null;
          }}
        </Form.Item>
      )}
      {!editing && (
        <ProFormText.Password
          name="password"
          label={t('operators.password')}
          rules={[{ required: true, message: t('operators.passwordRequired') }, passwordRule(t)]}
        />
      )}
      <ProFormSwitch name="disabled" label={t('operators.disabledLabel')} disabled={self} />
    </ModalForm>
  );
}

/** Sets a new password for an operator who forgot theirs. */
function PasswordForm({ operator }: { operator: Row }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  return (
    <ModalForm<{ password: string; confirm: string }>
      title={t('operators.resetPassword', { name: operator.username })}
      form={form}
      width={420}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="link" size="small">
          {t('operators.resetPasswordShort')}
        </Button>
      }
      onFinish={async (v) => {
        try {
          await request(updateOperator, { id: operator.id, input: { password: v.password } });
          void message.success(t('operators.passwordReset'));
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      <ProFormText.Password
        name="password"
        label={t('operators.newPassword')}
        rules={[{ required: true, message: t('operators.passwordRequired') }, passwordRule(t)]}
      />
      <ProFormText.Password
        name="confirm"
        label={t('operators.confirmPassword')}
        dependencies={['password']}
        rules={[{ required: true, message: t('operators.passwordRequired') }, sameAsRule(t, 'password')]}
      />
    </ModalForm>
  );
}

/** The roles and their permissions; they change only with the server's version. */
function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: ({ signal }) => request(rolesQuery, {}, signal), staleTime: Infinity });
}

/** A role's permissions as tags in the operator's language. */
function PermissionTags({ permissions }: { permissions: Permission[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {permissions.map((p) => (
        <Tag key={p} style={{ marginInlineEnd: 0 }}>
          {t(`permission.${p}`, { defaultValue: p })}
        </Tag>
      ))}
    </Space>
  );
}

/** An option of the role field: the role, and below it what it may do. */
function RoleOption({ role, permissions }: { role: Role; permissions: Permission[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '2px 0', whiteSpace: 'normal' }} data-testid={`role-option-${role}`}>
      <Tag color={roleColour[role] ?? 'default'}>{t(`role.${role}`, { defaultValue: role })}</Tag>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {permissions.map((p) => t(`permission.${p}`, { defaultValue: p })).join('、') || t('operators.noPermissions')}
        </Typography.Text>
      </div>
    </div>
  );
}
