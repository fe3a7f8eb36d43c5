import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProTable, type ProColumns, type ProFormInstance } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Form, Space, type FormInstance } from 'antd';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, Permission, useMe } from '../../auth/session';
import { CursorTable, type CursorTableProps } from '../../components/CursorTable';
import { ErrorState } from '../../components/ErrorState';
import { useReportError } from '../../components/useReportError';
import { changedFields } from './changed';

// The site registry's pages (sites, buildings, gateways, meters) are one shape: filters kept in
// the URL above a list, a "new" button and an "edit" link for operators who may manage meters,
// and a form in a modal that creates a row or sends the fields an edit changed. The shape lives
// here once; each page says its columns, filters, list and form fields.

/** A list read whole (the sites: at most 100, unpaged in the API). */
export interface WholeList<Row> {
  queryKey: readonly unknown[];
  load: (signal: AbortSignal) => Promise<Row[]>;
  testId?: string;
  emptyText?: string;
}

export interface RegistryListProps<Row extends Record<string, unknown>> {
  title: string;
  /** The filters above the list; the page binds them to the URL (useUrlFilter). */
  filters?: ReactNode;
  /** A list paged by cursor (CursorTable, its page in the URL), or one read whole. */
  paged?: Omit<CursorTableProps<Row>, 'columns' | 'toolBar' | 'rowKey'>;
  whole?: WholeList<Row>;
  columns: ProColumns<Row>[];
  /** The "new" button's label. */
  newLabel: string;
  /** The form creating a row (row undefined) or editing row; close ends it. */
  form: (row: Row | undefined, close: () => void) => ReactNode;
}

/** A registry page: filters, the list with new and edit for who may manage meters, the form. */
export function RegistryList<Row extends Record<string, unknown> & { id: string }>(props: RegistryListProps<Row>) {
  const { t } = useTranslation();
  const mayEdit = can(useMe().data, [Permission.ManageMeters]);
  const [editing, setEditing] = useState<Row | 'new'>();
  const columns: ProColumns<Row>[] = [
    ...props.columns,
    {
      title: t('sitePages.actions'),
      hideInTable: !mayEdit,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('sitePages.edit')}
        </Button>
      ),
    },
  ];
  const newButton = mayEdit && (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new">
      {props.newLabel}
    </Button>
  );
  return (
    <PageContainer title={props.title}>
      {props.filters && (
        <Space style={{ marginBottom: 16 }} wrap>
          {props.filters}
        </Space>
      )}
      {props.paged && <CursorTable<Row> {...props.paged} columns={columns} rowKey="id" toolBar={newButton ? [newButton] : []} />}
      {props.whole && <Whole list={props.whole} columns={columns} newButton={newButton} />}
      {editing && props.form(editing === 'new' ? undefined : editing, () => setEditing(undefined))}
    </PageContainer>
  );
}

function Whole<Row extends Record<string, unknown>>({ list, columns, newButton }: { list: WholeList<Row>; columns: ProColumns<Row>[]; newButton: ReactNode }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: list.queryKey, queryFn: ({ signal }) => list.load(signal) });
  if (q.isError && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <ProTable<Row>
      data-testid={list.testId}
      rowKey="id"
      columns={columns}
      dataSource={q.data}
      loading={q.isFetching}
      search={false}
      options={false}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.emptyText ?? t('common.empty')} /> }}
      toolBarRender={() => [
        newButton,
        <Button key="reload" icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label={t('cursorTable.reload')} />,
      ]}
    />
  );
}

export interface RegistryFormProps<V extends Record<string, unknown>> {
  /** The form, when the fields need it (Form.useWatch); one is made otherwise. */
  form?: FormInstance<V>;
  title: string;
  /** The edited row's values; undefined creates. */
  initial?: V;
  /** A new row's first values. */
  defaults?: Partial<V>;
  /** Fields an edit cannot change (the site of a building): never sent with an update. */
  fixed?: (keyof V & string)[];
  /** Text fields an edit clears with "" rather than null (changedFields). */
  emptyText?: (keyof V)[];
  create: (input: Partial<V>) => Promise<unknown>;
  /** Sends an edit's changed fields; not called when nothing changed. */
  update: (input: Partial<V>) => Promise<unknown>;
  /** The queries to refresh after a save. */
  invalidate: readonly unknown[];
  onClose: () => void;
  /** Extra ModalForm props (grid layout, width). */
  layout?: Pick<ComponentProps<typeof ModalForm>, 'grid' | 'rowProps' | 'colProps'> & { width?: number };
  children: ReactNode;
}

/**
 * The registry's modal form: a creation sends every filled field, an edit only the changed
 * ones (never the fixed); errors naming a field go under it, the rest in a message.
 */
export function RegistryForm<V extends Record<string, unknown>>(props: RegistryFormProps<V>) {
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const report = useReportError();
  const queries = useQueryClient();
  const { width, ...layout } = props.layout ?? {};
  return (
    <ModalForm<V>
      open
      form={form as FormInstance<V> & ProFormInstance<V>}
      {...layout}
      title={props.title}
      initialValues={props.initial ?? props.defaults}
      modalProps={{ onCancel: props.onClose, destroyOnClose: true, width }}
      onFinish={async (values) => {
        try {
          if (props.initial) {
            const input = changedFields(values, props.initial, props.emptyText) as Partial<V>;
            for (const k of props.fixed ?? []) delete input[k];
            if (Object.keys(input).length > 0) await props.update(input);
          } else {
            await props.create(changedFields(values) as Partial<V>);
          }
          await queries.invalidateQueries({ queryKey: props.invalidate });
          props.onClose();
          return true;
        } catch (err) {
          report(err, form);
          return false;
        }
      }}
    >
      {props.children}
    </ModalForm>
  );
}
